import { promises as fs } from 'node:fs';
import path from 'node:path';
import { screen } from '@testing-library/react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { parse } from 'yaml';
import { capiApiRef } from '../../api';
import {
  availableCluster,
  entityClustersResponse,
} from '../../__fixtures__/fleet';
import {
  FakeSignalApi,
  fakeCapiApi,
  paymentsComponent,
} from '../../__fixtures__/testApis';
import { EntityCapiClustersContent } from './EntityCapiClustersContent';

interface JsonSchemaStep {
  properties?: Record<string, JsonSchemaStep>;
  dependencies?: Record<string, { oneOf?: JsonSchemaStep[] }>;
}

/** Every form field a template of templates/ reads, by template name. */
async function templateFields(): Promise<Map<string, Set<string>>> {
  const folder = path.resolve(__dirname, '../../../../../templates');
  const fields = new Map<string, Set<string>>();
  for (const file of await fs.readdir(folder)) {
    if (!file.endsWith('.yaml') || file === 'catalog-info.yaml') continue;
    const template = parse(await fs.readFile(path.join(folder, file), 'utf8'));
    const names = new Set<string>();
    const steps: JsonSchemaStep[] = [template.spec.parameters].flat();
    for (const step of steps) {
      Object.keys(step.properties ?? {}).forEach(k => names.add(k));
      for (const dependency of Object.values(step.dependencies ?? {})) {
        for (const option of dependency.oneOf ?? []) {
          Object.keys(option.properties ?? {}).forEach(k => names.add(k));
        }
      }
    }
    fields.set(template.metadata.name, names);
  }
  return fields;
}

describe("the Clusters tab's deep links into templates", () => {
  it("pre-fill only the template's own fields, each with a value", async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            capiApiRef,
            fakeCapiApi({
              getEntityClusters: jest.fn(async ref =>
                entityClustersResponse(ref, [availableCluster]),
              ),
            }),
          ],
          [signalApiRef, new FakeSignalApi()],
        ]}
      >
        <EntityProvider entity={paymentsComponent}>
          <EntityCapiClustersContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    await screen.findAllByRole('region', { name: /^Cluster / });
    const fields = await templateFields();
    // Links and link buttons alike.
    const links = Array.from(
      document.querySelectorAll<HTMLAnchorElement>(
        'a[href*="/create/templates/default/"]',
      ),
    ).map(a => a.getAttribute('href') ?? '');
    expect(links.length).toBeGreaterThan(2);
    for (const href of links) {
      const url = new URL(href, 'http://app');
      const template = decodeURIComponent(url.pathname.split('/').pop()!);
      const own = fields.get(template);
      expect({ template, known: !!own }).toEqual({ template, known: true });
      const formData = url.searchParams.get('formData');
      if (!formData) continue;
      for (const [key, value] of Object.entries(JSON.parse(formData))) {
        expect({ template, key, own: own!.has(key) }).toEqual({
          template,
          key,
          own: true,
        });
        expect({ template, key, value }).toEqual({
          template,
          key,
          value: expect.stringMatching(/\S/),
        });
      }
    }
  });
});
