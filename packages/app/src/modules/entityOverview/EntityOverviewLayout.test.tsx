import { screen } from '@testing-library/react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { EntityProvider, catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import type { Entity } from '@backstage/catalog-model';
import { catalogPlugin } from '@backstage/plugin-catalog';
import { EntityOverviewLayout } from './EntityOverviewLayout';

/** A team whose catalog relations point at a cluster the caller may not read. */
function group(annotations: Record<string, string> = {}): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'team-payments', namespace: 'default', annotations },
    spec: { type: 'team', children: [] },
    relations: [
      {
        type: 'ownerOf',
        targetRef: 'resource:default/aws-eu.clusters.payments-prod-00026',
      },
    ],
  };
}

async function renderLayout(entity: Entity) {
  // The caller cannot read the cluster: the catalog answers as if it were missing.
  const catalogApi = catalogApiMock({ entities: [entity] });
  await renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <EntityProvider entity={entity}>
        <EntityOverviewLayout
          cards={[
            { type: 'info', element: <div>About card</div> },
            { type: 'content', element: <div>Clusters card</div> },
          ]}
        />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog': catalogPlugin.routes.catalogIndex } },
  );
}

describe('EntityOverviewLayout', () => {
  it("shows the cards but never names an entity the caller cannot read (another team's cluster)", async () => {
    await renderLayout(group());
    expect(await screen.findByText('Clusters card')).toBeInTheDocument();
    expect(screen.getByText('About card')).toBeInTheDocument();
    expect(screen.queryByText(/payments-prod-00026/)).not.toBeInTheDocument();
    expect(screen.queryByText(/can't be found/)).not.toBeInTheDocument();
  });

  it('still warns about an orphaned entity', async () => {
    await renderLayout(group({ 'backstage.io/orphan': 'true' }));
    expect(
      await screen.findByText(/This entity is not referenced by any location/),
    ).toBeInTheDocument();
  });
});
