#!/usr/bin/env node
/*
 * Prints the install steps of the root README's "Install into an existing
 * Backstage app" section, so the install test runs them as written:
 *   node readme-steps.mjs sh            the tarball route's shell commands
 *   node readme-steps.mjs backend FILE  adds the README's backend.add lines a
 *                                       backend FILE lacks and removes the
 *                                       allow-all policy module, as the README says
 */
import fs from 'node:fs';

const readme = fs.readFileSync('README.md', 'utf8');
const start = readme.indexOf('## Install into an existing Backstage app');
const end = readme.indexOf('\n## ', start + 1);
if (start < 0)
  throw new Error(
    'README has no "Install into an existing Backstage app" section',
  );
const section = readme.slice(start, end);
const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(m => ({
  lang: m[1],
  body: m[2],
}));

const [mode, file] = process.argv.slice(2);
if (mode === 'sh') {
  const block = blocks.find(
    b => b.lang === 'sh' && b.body.includes('dist-packages'),
  );
  if (!block)
    throw new Error(
      'README: no shell block installing from dist-packages tarballs',
    );
  process.stdout.write(block.body);
} else if (mode === 'backend') {
  const block = blocks.find(
    b => b.lang === 'ts' && b.body.includes('backend.add('),
  );
  if (!block) throw new Error('README: no backend.add block');
  if (!/remove the allow-all policy module/.test(section)) {
    throw new Error(
      'README no longer says to remove the allow-all policy module',
    );
  }
  let source = fs.readFileSync(file, 'utf8');
  source = source.replace(
    /backend\.add\(\s*import\('@backstage\/plugin-permission-backend-module-allow-all-policy'\),?\s*\);\n/,
    '',
  );
  const imported = new Set(
    [...source.matchAll(/import\('([^']+)'\)/g)].map(m => m[1]),
  );
  const lines = block.body
    .split('\n')
    .filter(l => l.startsWith('backend.add('))
    .filter(l => !imported.has(/import\('([^']+)'\)/.exec(l)[1]));
  if (!source.includes('backend.start();'))
    throw new Error(`${file}: no backend.start()`);
  source = source.replace(
    'backend.start();',
    `${lines.join('\n')}\n\nbackend.start();`,
  );
  fs.writeFileSync(file, source);
  console.log(lines.join('\n'));
} else {
  throw new Error('usage: readme-steps.mjs sh | backend <file>');
}
