import { act, fireEvent, screen, within } from '@testing-library/react';
import { PATCH_COMPLIANCE_DEFINITION } from '@capstan/plugin-capi-common';
import {
  allClusters,
  availableCluster,
  degradedCluster,
} from '../../__fixtures__/fleet';
import { renderEntityClusters } from '../../__testUtils__/renderEntityClusters';

const render = renderEntityClusters;

const helpButtons = () =>
  screen.findAllByRole('button', { name: 'What patch compliance means' });

describe('the patch compliance figure says what it means', () => {
  it('beside the figure of each cluster on the card, in the words of the fleet page', async () => {
    await render('card', [availableCluster, degradedCluster]);
    const figure = (
      await screen.findAllByTestId('cluster-compliance')
    )[1].closest('div')!;
    expect(figure).toHaveTextContent(/Patch compliance \d+(\.\d)?%/);
    const help = within(figure).getByRole('button', {
      name: 'What patch compliance means',
    });
    expect(help).toHaveAccessibleDescription(PATCH_COMPLIANCE_DEFINITION);
    expect(await helpButtons()).toHaveLength(2);
  });

  it('opens on keyboard focus and on a tap, not only on hover', async () => {
    await render('tab', [availableCluster]);
    const [help] = await helpButtons();
    act(() => help.focus());
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      PATCH_COMPLIANCE_DEFINITION,
    );
    act(() => help.blur());
    fireEvent.click(help);
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      PATCH_COMPLIANCE_DEFINITION,
    );
  });

  it('on the compact card of many clusters, once for the column', async () => {
    await render('card', allClusters);
    await screen.findByRole('list', { name: /clusters/i });
    const [help] = await helpButtons();
    expect(help).toHaveAccessibleDescription(PATCH_COMPLIANCE_DEFINITION);
  });
});
