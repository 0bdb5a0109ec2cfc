import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import type { ClusterDrift } from '@capstan/plugin-capi-common';
import { ClusterDriftDetails, DriftBadge } from './ClusterDrift';

const drifted: ClusterDrift = {
  state: 'drifted',
  fields: [
    { field: 'pools.workers.replicas', git: '2', live: '5' },
    { field: 'kubernetesVersion', git: 'v1.33.2', live: 'v1.32.6' },
    { field: 'pools.gpu', live: 'present' },
  ],
  since: '2026-11-30T18:00:00Z',
  reason: 'Live differs from Git, with no change in flight.',
  argocd: {
    application: 'argocd/team-a.gamma',
    syncStatus: 'OutOfSync',
    healthStatus: 'Healthy',
    operationPhase: 'Failed',
    reason:
      'sync failed: one or more objects failed to apply, reason: cannot be an even number',
  },
};

describe('ClusterDrift', () => {
  it('shows the drift state as a badge', async () => {
    await renderInTestApp(<DriftBadge drift={drifted} />);
    expect(
      screen.getByLabelText('Git drift: Drifted from Git'),
    ).toBeInTheDocument();
    expect(screen.getByText('Drifted from Git')).toBeInTheDocument();
  });

  it('shows nothing when the backend cannot tell', async () => {
    const { container } = await renderInTestApp(<DriftBadge />);
    expect(container).toBeEmptyDOMElement();
  });

  it('lists each differing field with its Git and live values, and the Argo CD failure', async () => {
    await renderInTestApp(<ClusterDriftDetails drift={drifted} />);
    const list = screen.getByRole('list', {
      name: 'Fields that differ from Git',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items.map(i => i.textContent)).toEqual([
      'Pool workers: replicas: Git 2, live 5',
      'Kubernetes version: Git v1.33.2, live v1.32.6',
      'Pool gpu: Git not set, live present',
    ]);
    const argo = screen.getByTestId('argocd-sync-status');
    // Argo CD's states in words; the application's id only on hover.
    expect(argo).toHaveTextContent(
      'Argo CD: Out of sync · Healthy — sync failed: one or more objects failed to apply, reason: cannot be an even number',
    );
    expect(argo).toHaveAttribute(
      'title',
      'Argo CD application argocd/team-a.gamma',
    );
  });

  it('stays quiet for a cluster in sync, except for an Argo CD failure', async () => {
    const { container } = await renderInTestApp(
      <ClusterDriftDetails drift={{ state: 'in-sync', fields: [] }} />,
    );
    expect(container).toBeEmptyDOMElement();
  });
});
