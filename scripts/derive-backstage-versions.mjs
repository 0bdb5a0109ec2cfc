#!/usr/bin/env node
/*
 * Derives the exact @backstage/* versions of one Backstage release from the npm
 * registry, for when the versions manifest (versions.backstage.io) cannot be
 * reached. Usage, from the repository root after `source scripts/bootstrap.sh`:
 *
 *   node scripts/derive-backstage-versions.mjs [anchorPackage@version] [windowHours]
 *
 * 1. The anchor (default @backstage/backend-defaults@0.19.0, Backstage 1.57) fixes
 *    the release's publish time.
 * 2. Every @backstage/* package named in the repo's package.json files, plus the
 *    @backstage/* dependencies of the chosen versions (transitively), gets the
 *    newest non-prerelease version published no later than the window's end.
 * 3. Fixpoint over the chosen versions' own dependency and peer ranges: a package
 *    whose ranges do not fit the release moves to its newest version that fits,
 *    and where a release package asks for a newer version of a dependency than
 *    the window holds, the newest version matching that range is taken. A range
 *    nothing published satisfies is reported as MISMATCH, the release's
 *    devDependencies on versions the registry lacks as DEV-GAP.
 *
 * Prints one line per package; --json prints the map instead; --apply writes the
 * versions into every package.json (dependencies, devDependencies and the root
 * resolutions, which get every package of the set). Run `yarn install` after.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(path.join(process.cwd(), 'package.json'));
const semver = require('semver');
const args = process.argv.slice(2).filter(a => !a.startsWith('--'));
const asJson = process.argv.includes('--json');
const apply = process.argv.includes('--apply');
const [anchorName, anchorVersion] = (
  args[0] ?? '@backstage/backend-defaults@0.19.0'
).split(/(?!^)@/);
const windowHours = Number(args[1] ?? 6);
const registry = (
  process.env.npm_config_registry ?? 'https://registry.npmjs.org/'
).replace(/\/?$/, '/');

const root = process.cwd();
const manifests = ['package.json'];
for (const dir of ['packages', 'plugins']) {
  for (const p of fs.readdirSync(path.join(root, dir))) {
    const f = path.join(dir, p, 'package.json');
    if (fs.existsSync(path.join(root, f))) manifests.push(f);
  }
}
const ours = new Set();
for (const f of manifests) {
  const j = JSON.parse(fs.readFileSync(path.join(root, f), 'utf8'));
  for (const k of [
    'dependencies',
    'devDependencies',
    'peerDependencies',
    'resolutions',
  ]) {
    for (const n of Object.keys(j[k] ?? {}))
      if (n.startsWith('@backstage/')) ours.add(n);
  }
}

const packuments = new Map();
function packument(name) {
  if (!packuments.has(name)) {
    packuments.set(
      name,
      fetch(`${registry}${name.replace('/', '%2f')}`).then(r => {
        if (!r.ok) throw new Error(`${name}: HTTP ${r.status}`);
        return r.json();
      }),
    );
  }
  return packuments.get(name);
}
const stable = p => Object.keys(p.versions).filter(v => !semver.prerelease(v));
const backstageDeps = m =>
  ['dependencies', 'peerDependencies'].flatMap(k =>
    Object.entries(m[k] ?? {})
      .filter(([d]) => d.startsWith('@backstage/'))
      .map(([d, r]) => ({ d, r, k })),
  );

const anchor = await packument(anchorName);
const t0 = Date.parse(anchor.time[anchorVersion]);
if (Number.isNaN(t0))
  throw new Error(`${anchorName}@${anchorVersion} is not on the registry`);
const windowEnd = t0 + windowHours * 3600e3;

const chosen = new Map(); // name -> version
const why = new Map();
const queue = [...ours];
async function settle() {
  while (queue.length) {
    const batch = queue.splice(0, 8).filter(n => !chosen.has(n));
    await Promise.all(
      batch.map(async name => {
        const p = await packument(name);
        const v = semver.maxSatisfying(
          stable(p).filter(x => Date.parse(p.time[x]) <= windowEnd),
          '*',
        );
        chosen.set(name, v);
        why.set(
          name,
          Date.parse(p.time[v]) >= t0 - windowHours * 3600e3
            ? 'released in the window'
            : 'unchanged since an earlier release',
        );
        for (const { d } of backstageDeps(p.versions[v]))
          if (!chosen.has(d) && !queue.includes(d)) queue.push(d);
      }),
    );
  }
}
await settle();
const fits = m =>
  backstageDeps(m).every(
    ({ d, r }) => !chosen.has(d) || semver.satisfies(chosen.get(d), r),
  );
for (let changed = true; changed; ) {
  changed = false;
  for (const [name, v] of [...chosen]) {
    const p = await packument(name);
    // A package whose own ranges do not fit the release: a newer version that does.
    if (!fits(p.versions[v])) {
      const better = semver
        .rsort(stable(p).filter(x => semver.gt(x, v)))
        .find(x => fits(p.versions[x]));
      if (better) {
        chosen.set(name, better);
        why.set(
          name,
          `raised: ${v} does not fit the release, ${better} does (published ${p.time[better]})`,
        );
        changed = true;
        continue;
      }
    }
    // A release package asking for a newer version of a dependency than the window holds.
    for (const { d, r, k } of backstageDeps(p.versions[v])) {
      if (!chosen.has(d)) {
        queue.push(d);
        await settle();
        changed = true;
        continue;
      }
      if (semver.satisfies(chosen.get(d), r)) continue;
      const dp = await packument(d);
      const best = semver.maxSatisfying(stable(dp), r);
      if (best && semver.gt(best, chosen.get(d))) {
        chosen.set(d, best);
        why.set(
          d,
          `raised: ${name}@${v} ${k} ${r} (published ${dp.time[best]})`,
        );
        changed = true;
      }
    }
  }
}
const missing = [];
for (const [name, v] of chosen) {
  for (const { d, r, k } of backstageDeps(
    (await packument(name)).versions[v],
  )) {
    if (!semver.satisfies(chosen.get(d), r))
      missing.push({ name, v, d, r, k, have: chosen.get(d) });
  }
}
// Ranges of the release's own devDependencies on packages we use directly: report only.
const devGaps = new Map();
for (const [name, v] of chosen) {
  const m = (await packument(name)).versions[v];
  for (const [d, r] of Object.entries(m.devDependencies ?? {})) {
    if (ours.has(d) && chosen.has(d) && !semver.satisfies(chosen.get(d), r)) {
      const g = devGaps.get(d) ?? { ranges: new Set(), users: 0 };
      g.ranges.add(r);
      g.users++;
      devGaps.set(d, g);
    }
  }
}
const sorted = [...chosen].sort(([a], [b]) => a.localeCompare(b));
if (apply) {
  for (const f of manifests) {
    const file = path.join(root, f);
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    let changed = 0;
    for (const k of ['dependencies', 'devDependencies', 'resolutions']) {
      for (const n of Object.keys(j[k] ?? {})) {
        if (chosen.has(n) && j[k][n] !== chosen.get(n)) {
          j[k][n] = chosen.get(n);
          changed++;
        }
      }
    }
    if (f === 'package.json') {
      const others = Object.entries(j.resolutions ?? {}).filter(
        ([n]) => !n.startsWith('@backstage/'),
      );
      const before = JSON.stringify(j.resolutions);
      j.resolutions = Object.fromEntries([...others, ...sorted]);
      if (JSON.stringify(j.resolutions) !== before) changed++;
    }
    if (changed) {
      fs.writeFileSync(file, `${JSON.stringify(j, null, 2)}\n`);
      console.error(`updated ${f} (${changed} changes)`);
    }
  }
}
if (asJson) {
  console.log(JSON.stringify(Object.fromEntries(sorted), null, 2));
} else {
  console.log(
    `anchor ${anchorName}@${anchorVersion} published ${anchor.time[anchorVersion]}, window ±${windowHours}h`,
  );
  for (const [n, v] of sorted)
    console.log(
      `${ours.has(n) ? ' ' : '+'} ${n.padEnd(66)} ${v.padEnd(9)} ${why.get(n)}`,
    );
  for (const x of missing)
    console.log(
      `MISMATCH ${x.name}@${x.v} ${x.k} ${x.d}@${x.r}: no published version, have ${x.have}`,
    );
  for (const [d, g] of [...devGaps].sort())
    console.log(
      `DEV-GAP ${d}: ${g.users} release packages develop against ${[
        ...g.ranges,
      ].join(' / ')}; newest on the registry is ${chosen.get(d)}`,
    );
  console.log(
    `${chosen.size} packages (+ = transitive only), ${missing.length} unsatisfiable ranges`,
  );
}
