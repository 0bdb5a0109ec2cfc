import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { discoveryApiRef, fetchApiRef } from '@backstage/core-plugin-api';
import { coreApis } from '@backstage/frontend-plugin-api';
import type { FieldExtensionOptions } from '@backstage/plugin-scaffolder-react';
import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import type { JsonObject, JsonValue } from '@backstage/types';
import { parse } from 'yaml';
import { capiApiRef, type CapiApi } from '../api';
import * as fields from '../fieldExtensions';

/** Every Capstan form field, as the app registers them. */
const EXTENSIONS = (Object.values(fields) as unknown[]).filter(
  (v): v is FieldExtensionOptions<any, any> =>
    typeof v === 'object' && v !== null && 'component' in v && 'name' in v,
);

/** A template of templates/ as the scaffolder's form reads it: its steps. */
export async function templateSteps(file: string) {
  const text = await fs.readFile(
    path.resolve(__dirname, '../../../../templates', file),
    'utf8',
  );
  const template = parse(text);
  const parameters: JsonObject[] = [template.spec.parameters].flat();
  return {
    title: template.metadata.title as string,
    // The template's own button labels (buttonLabels.createButtonText).
    presentation: template.spec.presentation,
    steps: parameters.map(schema => ({
      title: String(schema.title),
      schema,
    })),
  };
}

/** The day-2 check's answer for every request (the impact sentence). */
export function day2Backend(summary = 'No machine is replaced.') {
  return {
    fetch: jest.fn(
      async () =>
        new Response(JSON.stringify({ problems: [], summary }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    ),
  };
}

/**
 * A template's form as the scaffolder shows it (the Stepper with Capstan's
 * fields), started with `formData` as a deep link gives it.
 */
export async function renderTemplateForm(options: {
  file: string;
  formData?: Record<string, JsonValue>;
  capiApi: CapiApi;
  fetchApi?: { fetch: jest.Mock };
}) {
  const manifest = await templateSteps(options.file);
  const onCreate = jest.fn(async () => {});
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [capiApiRef, options.capiApi],
        [fetchApiRef, options.fetchApi ?? day2Backend()],
        [discoveryApiRef, mockApis.discovery({ baseUrl: 'http://backend' })],
        [
          coreApis.identity,
          mockApis.identity({
            userEntityRef: 'user:default/jane',
            ownershipEntityRefs: ['group:default/team-payments'],
          }),
        ],
      ]}
    >
      <Stepper
        manifest={manifest}
        extensions={EXTENSIONS}
        initialState={options.formData}
        onCreate={onCreate}
      />
    </TestApiProvider>,
  );
  return { onCreate };
}
