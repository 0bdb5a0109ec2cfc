import { screen, within } from '@testing-library/react';
import { renderEntityClusters } from '../../__testUtils__/renderEntityClusters';
import { textWithBreaks } from '../../__testUtils__/textWithBreaks';
import {
  availableCluster,
  degradedCluster,
  upgradingCluster,
} from '../../__fixtures__/fleet';

const three = [availableCluster, upgradingCluster, degradedCluster];

describe('cluster names on the card and the tab', () => {
  it('wrap only after a "-" in the compact list, and read as the exact name', async () => {
    await renderEntityClusters('card', three);
    const row = await screen.findByRole('region', {
      name: 'Cluster payments-staging',
    });
    const name = within(row).getByRole('heading', { name: 'payments-staging' });
    expect(name.textContent).toBe('payments-staging');
    expect(textWithBreaks(name)).toBe('payments-|staging');
  });

  it('wrap only after a "-" in the tab\'s selector and heading', async () => {
    await renderEntityClusters('tab', three);
    const entry = await screen.findByRole('tab', {
      name: /^payments-staging, /,
    });
    expect(textWithBreaks(entry)).toMatch(/^payments-\|staging/);
    const heading = await screen.findByRole('heading', {
      name: 'checkout-prod',
    });
    expect(heading.textContent).toBe('checkout-prod');
    expect(textWithBreaks(heading)).toBe('checkout-|prod');
  });
});
