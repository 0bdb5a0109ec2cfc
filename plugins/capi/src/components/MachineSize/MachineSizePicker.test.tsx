import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { availableCluster } from '../../__fixtures__/fleet';
import { fakeCapiApi } from '../../__fixtures__/testApis';
import { renderTemplateForm } from '../../__testUtils__/renderTemplateForm';

describe('Add a node pool: the machine size', () => {
  it("is picked from the cluster's profile by its title in words, as in the new-cluster form", async () => {
    await renderTemplateForm({
      file: 'add-node-pool.yaml',
      formData: { cluster: availableCluster.id },
      capiApi: fakeCapiApi(),
    });
    // No free text: a select of the profile's sizes.
    expect(
      screen.queryByRole('textbox', { name: /Machine size/ }),
    ).not.toBeInTheDocument();
    const size = await screen.findByRole('button', { name: /Machine size/ });
    await userEvent.click(size);
    const menu = await screen.findByRole('listbox');
    await waitFor(() =>
      expect(
        within(menu)
          .getAllByRole('option')
          .map(o => o.textContent),
      ).toEqual([
        'Small — 2 vCPU, 8 GiB',
        'Medium — 4 vCPU, 16 GiB',
        'Large — 8 vCPU, 32 GiB',
        'X-Large — 16 vCPU, 64 GiB',
      ]),
    );
    await userEvent.click(within(menu).getByRole('option', { name: /^Large/ }));
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: /Machine size/ }),
      ).toHaveTextContent(/^Large$/),
    );

    // Review names the size in words too, not by its name ("large").
    await userEvent.type(screen.getByLabelText(/^Pool name/), 'batch');
    await userEvent.click(screen.getByRole('button', { name: 'Review' }));
    await screen.findByRole('button', { name: 'Add node pool' });
    const sizeRow = screen
      .getAllByRole('row')
      .filter(r => r.querySelector('td')?.textContent === 'Machine size');
    expect(sizeRow).toHaveLength(1);
    await waitFor(() => expect(sizeRow[0]).toHaveTextContent(/Large$/));
    expect(sizeRow[0]).not.toHaveTextContent(/large$/);
  });
});
