import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

const TEMPLATES = path.resolve(__dirname, '../../../templates');

/** Each template's final button, as the review step shows it. */
async function finalButtons(): Promise<Record<string, string | undefined>> {
  const buttons: Record<string, string | undefined> = {};
  for (const file of (await fs.readdir(TEMPLATES)).sort()) {
    const doc = parse(await fs.readFile(path.join(TEMPLATES, file), 'utf8'));
    if (doc?.kind !== 'Template') continue;
    buttons[doc.metadata.name] =
      doc.spec.presentation?.buttonLabels?.createButtonText;
  }
  return buttons;
}

describe("the templates' final buttons", () => {
  it('say what they do instead of the scaffolder\'s generic "Create"', async () => {
    expect(await finalButtons()).toEqual({
      'capi-add-node-pool': 'Add node pool',
      'capi-decommission-cluster': 'Delete cluster and all its machines',
      'capi-new-cluster': 'Create cluster',
      'capi-scale-node-pool': 'Scale node pool',
      'capi-upgrade-kubernetes': 'Start upgrade',
    });
  });
});
