import { screen, within } from '@testing-library/react';
import { degradedCluster } from '../../__fixtures__/fleet';
import { renderFleet } from '../../__testUtils__/renderFleet';
import { textWithBreaks } from '../../__testUtils__/textWithBreaks';

// "|" marks where a name may wrap: after a "-" only, never inside a part.
describe('cluster and node names on the fleet page', () => {
  it('wrap only after a "-" in the fleet table', async () => {
    await renderFleet();
    const table = (await screen.findByText('Clusters (5)')).closest(
      '.MuiPaper-root',
    ) as HTMLElement;
    const link = within(table).getByRole('link', { name: 'checkout-prod' });
    expect(textWithBreaks(link)).toBe('checkout-|prod');
  });

  it('wrap only after a "-" in the overdue nodes, cluster and node alike', async () => {
    await renderFleet();
    const table = await screen.findByRole('table', {
      name: 'Overdue nodes by cluster and owner',
    });
    const row = within(table).getByRole('row', { name: /checkout-prod/ });
    expect(
      textWithBreaks(within(row).getByRole('link', { name: 'checkout-prod' })),
    ).toBe('checkout-|prod');
    // The node's own line (a <div>, which textWithBreaks leaves out).
    expect(within(row).getByText('checkout-prod-workers-7x2kq').innerHTML).toBe(
      'checkout-<wbr>prod-<wbr>workers-<wbr>7x2kq',
    );
  });

  it('wrap only after a "-" in a campaign\'s clusters still to patch', async () => {
    await renderFleet();
    const toPatch = await screen.findByRole('table', {
      name: /^Nodes still to patch by cluster for /,
    });
    const link = within(toPatch).getByRole('link', {
      name: degradedCluster.name,
    });
    expect(textWithBreaks(link)).toBe('checkout-|prod');
  });
});
