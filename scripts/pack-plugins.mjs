/*
 * Packs every plugin package (plugins/*) into an npm tarball, as `yarn pack`
 * would, without touching the repository: Backstage's own production packer
 * (the `productionPack` that `backstage-cli package prepack` and the backend
 * bundle use) writes the publish-ready package (entry points and exports into
 * dist/, the compiled config schema, `backstage.features`) into a staging
 * folder, the `workspace:` ranges become the workspace versions, and
 * `npm pack` writes the tarball. (`yarn pack` rewrites package.json in place
 * while it packs, which a concurrent commit can catch.)
 *
 * Usage, from the repository root after `yarn build:plugins`:
 *
 *   node scripts/pack-plugins.mjs [outDir]      # default dist-packages/
 *
 * Prints one tarball path per line; a tarball is named after its package
 * without the version, e.g. dist-packages/capstan-plugin-capi-backend.tgz.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = process.cwd();
const outDir = path.resolve(process.argv[2] ?? 'dist-packages');
// Internal modules of the pinned @backstage/cli-module-build (no public API).
const require = createRequire(path.join(root, 'package.json'));
const buildModule = path.dirname(
  require.resolve('@backstage/cli-module-build/package.json'),
);
const { productionPack } = require(path.join(
  buildModule,
  'dist/lib/packager/productionPack.cjs.js',
));
const { createTypeDistProject } = require(path.join(
  buildModule,
  'dist/lib/typeDistProject.cjs.js',
));

const workspaceVersions = new Map();
for (const dir of ['packages', 'plugins']) {
  for (const name of fs.readdirSync(path.join(root, dir))) {
    const file = path.join(root, dir, name, 'package.json');
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    workspaceVersions.set(pkg.name, pkg.version);
  }
}

function replaceWorkspaceRanges(deps = {}) {
  for (const [name, range] of Object.entries(deps)) {
    if (!range.startsWith('workspace:')) continue;
    const version = workspaceVersions.get(name);
    if (!version) throw new Error(`${name}: no workspace package for ${range}`);
    const spec = range.slice('workspace:'.length);
    deps[name] =
      spec === '^' || spec === '~'
        ? `${spec}${version}`
        : spec === '*'
        ? version
        : spec;
  }
}

async function pack(dir) {
  const source = path.join(root, 'plugins', dir);
  const pkg = JSON.parse(
    fs.readFileSync(path.join(source, 'package.json'), 'utf8'),
  );
  if (!fs.existsSync(path.join(source, 'dist'))) {
    throw new Error(
      `${pkg.name}: no dist/, build it first (yarn build:plugins)`,
    );
  }
  const stage = fs.mkdtempSync(path.join(os.tmpdir(), `capstan-pack-${dir}-`));
  try {
    await productionPack({
      packageDir: source,
      targetDir: stage,
      featureDetectionProject,
    });
    const staged = JSON.parse(
      fs.readFileSync(path.join(stage, 'package.json'), 'utf8'),
    );
    // npm only adds README and LICENSE by itself; ship the changelog too.
    if (fs.existsSync(path.join(source, 'CHANGELOG.md'))) {
      fs.copyFileSync(
        path.join(source, 'CHANGELOG.md'),
        path.join(stage, 'CHANGELOG.md'),
      );
      if (staged.files && !staged.files.includes('CHANGELOG.md')) {
        staged.files.push('CHANGELOG.md');
      }
    }
    for (const key of [
      'dependencies',
      'devDependencies',
      'peerDependencies',
      'optionalDependencies',
    ]) {
      replaceWorkspaceRanges(staged[key]);
    }
    fs.writeFileSync(
      path.join(stage, 'package.json'),
      `${JSON.stringify(staged, null, 2)}\n`,
    );
    const { stdout } = await run(
      'npm',
      ['pack', '--ignore-scripts', '--silent'],
      { cwd: stage },
    );
    // Named without the version (capstan-plugin-capi-backend.tgz), so install
    // instructions that point at the files survive a release.
    const packed = path.join(stage, stdout.trim().split('\n').pop());
    const target = path.join(
      outDir,
      `${pkg.name.replace(/^@/, '').replace('/', '-')}.tgz`,
    );
    fs.renameSync(packed, target);
    return target;
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

fs.mkdirSync(outDir, { recursive: true });
const dirs = fs
  .readdirSync(path.join(root, 'plugins'))
  .filter(d => fs.existsSync(path.join(root, 'plugins', d, 'package.json')));
const featureDetectionProject = await createTypeDistProject();
const results = [];
for (const dir of dirs) results.push(await pack(dir));
for (const file of results) console.log(file);
