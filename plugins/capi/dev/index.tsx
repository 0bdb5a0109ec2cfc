import Grid from '@material-ui/core/Grid';
import { Content, Header, Page } from '@backstage/core-components';
import { createDevApp } from '@backstage/dev-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { Entity } from '@backstage/catalog-model';
import { capiApiRef } from '../src/api';
import {
  capiPlugin,
  CapiFleetPage,
  EntityCapiClustersCard,
  EntityCapiClustersContent,
} from '../src';
import { FixtureCapiApi } from './fixtureCapiApi';
import { FormFieldsDemo } from './FormFieldsDemo';

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'team-payments',
    namespace: 'default',
    title: 'Team Payments',
  },
  spec: { type: 'team', children: [] },
};

createDevApp()
  .registerPlugin(capiPlugin)
  .registerApi({
    api: capiApiRef,
    deps: {},
    factory: () => new FixtureCapiApi(),
  })
  .addPage({
    path: '/card',
    title: 'Entity card',
    element: (
      <Page themeId="home">
        <Header title="Team Payments" subtitle="Overview" />
        <Content>
          <EntityProvider entity={team}>
            <Grid container spacing={3}>
              <Grid item xs={12}>
                <EntityCapiClustersCard />
              </Grid>
            </Grid>
          </EntityProvider>
        </Content>
      </Page>
    ),
  })
  .addPage({
    path: '/tab',
    title: 'Clusters tab',
    element: (
      <Page themeId="home">
        <Header title="Team Payments" subtitle="Clusters" />
        <Content>
          <EntityProvider entity={team}>
            <EntityCapiClustersContent />
          </EntityProvider>
        </Content>
      </Page>
    ),
  })
  .addPage({ path: '/capi', title: 'Fleet', element: <CapiFleetPage /> })
  .addPage({
    path: '/fields',
    title: 'Form fields',
    element: <FormFieldsDemo />,
  })
  .render();
