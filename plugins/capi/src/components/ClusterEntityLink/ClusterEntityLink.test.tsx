import { screen, waitFor } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { ClusterEntityLink } from './ClusterEntityLink';

const clusterEntity = (name: string, clusterRef: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name,
    namespace: 'default',
    title: clusterRef.split('/')[2],
    annotations: { 'capstan.dev/cluster-ref': clusterRef },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:default/team-payments' },
});

function renderLinks(
  links: Array<{ clusterId: string; entityName?: string }>,
  visible: Entity[],
) {
  const catalog = catalogApiMock.mock({
    getEntities: jest.fn(async request => {
      const filters = [request?.filter ?? []].flat() as Array<
        Record<string, string>
      >;
      const ids = filters.map(
        f => f['metadata.annotations.capstan.dev/cluster-ref'],
      );
      return {
        items: visible.filter(e =>
          ids.includes(e.metadata.annotations!['capstan.dev/cluster-ref']),
        ),
      };
    }),
  });
  return {
    catalog,
    rendered: renderInTestApp(
      <TestApiProvider apis={[[catalogApiRef, catalog]]}>
        {links.map(l => (
          <div key={l.clusterId}>
            <ClusterEntityLink {...l}>
              {l.clusterId.split('/')[2]}
            </ClusterEntityLink>
          </div>
        ))}
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    ),
  };
}

describe('ClusterEntityLink', () => {
  it('links to the entity the API named, without asking the catalog', async () => {
    const { catalog, rendered } = renderLinks(
      [
        {
          clusterId: 'onprem-fra/team-payments/payments-prod',
          entityName: 'cluster-6b12ed8a6b9412206fc56fcd',
        },
      ],
      [],
    );
    await rendered;
    expect(
      await screen.findByRole('link', { name: 'payments-prod' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/cluster-6b12ed8a6b9412206fc56fcd',
    );
    expect(catalog.getEntities).not.toHaveBeenCalled();
  });

  it('finds the entities of clusters known by id only with one catalog request, and links only those the user may see', async () => {
    const { catalog, rendered } = renderLinks(
      [
        { clusterId: 'onprem-fra/team-checkout/checkout-prod' },
        { clusterId: 'aws-eu/team-checkout/checkout-dev' },
        // Another team's: the catalog does not return it to this user.
        { clusterId: 'onprem-fra/team-payments/payments-prod' },
      ],
      [
        clusterEntity(
          'cluster-0a1b2c3d4e5f60718293a4b5',
          'onprem-fra/team-checkout/checkout-prod',
        ),
        clusterEntity(
          'cluster-99aa88bb77cc66dd55ee44ff',
          'aws-eu/team-checkout/checkout-dev',
        ),
      ],
    );
    await rendered;
    expect(
      await screen.findByRole('link', { name: 'checkout-prod' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/resource/cluster-0a1b2c3d4e5f60718293a4b5',
    );
    expect(screen.getByRole('link', { name: 'checkout-dev' })).toHaveAttribute(
      'href',
      '/catalog/default/resource/cluster-99aa88bb77cc66dd55ee44ff',
    );
    await waitFor(() => expect(catalog.getEntities).toHaveBeenCalledTimes(1));
    expect(screen.getByText('payments-prod')).toBeInTheDocument();
    expect(
      screen.queryByRole('link', { name: 'payments-prod' }),
    ).not.toBeInTheDocument();
  });
});
