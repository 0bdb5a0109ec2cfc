import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { useBreadcrumbEntries } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { scaffolderApiRef } from '@backstage/plugin-scaffolder-react';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { Routes, Route } from 'react-router-dom';
import { TemplateWizardRoute } from './TemplateWizardRoute';

const template = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name: 'capi-new-cluster',
    namespace: 'default',
    title: 'New Kubernetes cluster',
  },
  spec: { type: 'kubernetes-cluster', steps: [], parameters: [] },
};

/** What the app's header shows as breadcrumbs. */
function Breadcrumbs() {
  const { items } = useBreadcrumbEntries();
  return (
    <nav aria-label="Breadcrumbs">{items.map(i => i.label).join(' › ')}</nav>
  );
}

const scaffolderApi = {
  getTemplateParameterSchema: jest.fn(async () => ({
    title: 'New Kubernetes cluster',
    steps: [
      {
        title: 'Cluster',
        schema: {
          type: 'object' as const,
          properties: { name: { title: 'Cluster name', type: 'string' } },
        },
      },
    ],
  })),
};

async function renderWizard(entities: object[]) {
  return renderInTestApp(
    <>
      <Breadcrumbs />
      <Routes>
        <Route
          path="/create/templates/:namespace/:templateName"
          element={<TemplateWizardRoute loadFormFields={async () => []} />}
        />
      </Routes>
    </>,
    {
      initialRouteEntries: ['/create/templates/default/capi-new-cluster'],
      mountedRoutes: { '/create': scaffolderPlugin.routes.root },
      apis: [
        [catalogApiRef, catalogApiMock({ entities: entities as never[] })],
        [scaffolderApiRef, scaffolderApi],
      ],
    },
  );
}

describe('TemplateWizardRoute', () => {
  it('names the template by its title in the breadcrumb, not by its id', async () => {
    await renderWizard([template]);
    expect(
      await screen.findByLabelText('Cluster name', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumbs' });
    expect(crumbs).toHaveTextContent('New Kubernetes cluster');
    expect(crumbs).not.toHaveTextContent('capi-new-cluster');
  });
});
