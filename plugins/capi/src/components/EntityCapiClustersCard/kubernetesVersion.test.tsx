import { screen, within } from '@testing-library/react';
import { renderEntityClusters } from '../../__testUtils__/renderEntityClusters';
import {
  availableCluster,
  degradedCluster,
  provisioningCluster,
  upgradingCluster,
} from '../../__fixtures__/fleet';

/** The version fact of one cluster, as the card or tab shows it. */
async function versionOf(clusterName: string) {
  const section = await screen.findByRole('region', {
    name: `Cluster ${clusterName}`,
  });
  return within(section).getByRole('group', { name: 'Kubernetes version' });
}

describe.each([
  [
    'the card with two clusters in full',
    'card',
    [availableCluster, upgradingCluster],
  ],
  [
    "the card's compact list",
    'card',
    [availableCluster, upgradingCluster, degradedCluster],
  ],
  ['the Clusters tab', 'tab', [availableCluster, upgradingCluster]],
] as const)('The Kubernetes version on %s', (_, view, clusters) => {
  it('is one version when the cluster runs what is asked for', async () => {
    await renderEntityClusters(view, [...clusters]);
    const version = await versionOf('payments-prod');
    expect(within(version).getByText('v1.31.4')).toBeVisible();
    expect(version).not.toHaveTextContent('→');
  });

  it('is "runs → asked for" while they differ, said in words on hover', async () => {
    await renderEntityClusters(view, [...clusters]);
    const version = await versionOf('payments-staging');
    expect(within(version).getByText('v1.31.4 → v1.32.1')).toHaveAttribute(
      'title',
      'Runs Kubernetes v1.31.4; v1.32.1 is asked for.',
    );
  });
});

it("names the compact list's column so that it reads right for one version and for two", async () => {
  await renderEntityClusters('card', [
    availableCluster,
    upgradingCluster,
    provisioningCluster,
  ]);
  await screen.findByRole('list', { name: 'Clusters' });
  expect(screen.getByText('Kubernetes version')).toBeInTheDocument();
  expect(screen.queryByText(/actual → desired/)).toBeNull();
  expect(
    within(await versionOf('payments-dev')).getByText(
      'not running yet → v1.32.1',
    ),
  ).toHaveAttribute('title', 'Runs no Kubernetes yet; v1.32.1 is asked for.');
});
