#!/usr/bin/env node
/*
 * Checks packed plugin tarballs (scripts/pack-plugins.mjs) hold what an app
 * installing them needs: built code and types for every entry point, the
 * compiled config schema where the package has one, README and CHANGELOG,
 * the `backstage` metadata Backstage's tooling reads, no workspace: ranges,
 * no sources. Usage: node scripts/install-test/check-tarballs.mjs <tgz>...
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const problems = [];
for (const tarball of process.argv.slice(2)) {
  const files = new Set(
    execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(f => f.replace(/^package\//, '')),
  );
  const pkg = JSON.parse(
    execFileSync('tar', ['xzf', tarball, '-O', 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  const fail = msg => problems.push(`${path.basename(tarball)}: ${msg}`);
  const has = f => files.has(f.replace(/^\.\//, ''));

  if (pkg.private) fail('is private');
  for (const f of ['README.md', 'CHANGELOG.md', 'dist/index.d.ts']) {
    if (!has(f)) fail(`lacks ${f}`);
  }
  if ([...files].some(f => f.startsWith('src/'))) fail('ships src/');
  for (const key of ['main', 'types', 'module']) {
    if (pkg[key] && !has(pkg[key])) fail(`${key} ${pkg[key]} is not in it`);
  }
  for (const [mount, target] of Object.entries(pkg.exports ?? {})) {
    const targets =
      typeof target === 'string' ? [target] : Object.values(target);
    for (const t of targets.filter(t => t.startsWith('./'))) {
      if (!has(t)) fail(`exports["${mount}"] -> ${t} is not in it`);
    }
  }
  if (pkg.configSchema && !has(pkg.configSchema)) {
    fail(`configSchema ${pkg.configSchema} is not in it`);
  }
  const b = pkg.backstage ?? {};
  if (!b.role) fail('no backstage.role');
  if (!b.pluginId) fail('no backstage.pluginId');
  if (
    b.role === 'backend-plugin-module' ||
    b.role === 'frontend-plugin-module'
  ) {
    if (!b.pluginPackage) fail('module without backstage.pluginPackage');
  } else if (!b.pluginPackages?.includes(pkg.name)) {
    fail('backstage.pluginPackages does not list the package itself');
  }
  if (
    ['backend-plugin', 'backend-plugin-module'].includes(b.role) &&
    !b.features?.['.']
  ) {
    fail('no backstage.features for its default export');
  }
  for (const key of [
    'dependencies',
    'peerDependencies',
    'optionalDependencies',
  ]) {
    for (const [name, range] of Object.entries(pkg[key] ?? {})) {
      if (range.startsWith('workspace:')) fail(`${key} ${name}@${range}`);
    }
  }
  console.log(`${path.basename(tarball)}: ${files.size} files, role ${b.role}`);
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
