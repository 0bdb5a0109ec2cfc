import {
  mkdir,
  mkdtemp,
  readFile,
  rm,
  stat,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, normalize, sep } from 'node:path';
import { InputError } from '@backstage/errors';
import { git } from '../gitops/git';
import { redactRepoUrl } from '../gitops/GitOpsSync';
import { SeedClusterPlan } from './FleetPlan';

/**
 * File at the repository root recording that the demo fleet was seeded, and
 * with which seed and size. While it is there, seeding never writes again:
 * a restart does not seed twice and a decommissioned cluster stays gone.
 */
export const SEED_MARKER_FILE = '.capstan-seed.json';

export interface SeedMarker {
  seed: number;
  clusters: number;
  managementClusters: string[];
  /** Cluster folders written by the seeding commit. */
  folders: string[];
  seededAt: string;
}

/** A seeded cluster's folder as the new-cluster template renders it. */
export interface SeedClusterFolder {
  /** `clusters/<managementCluster>/<namespace>/<cluster>` */
  path: string;
  /** File name → content. */
  files: Record<string, string>;
}

/** Renders a planned cluster's GitOps folder. */
export type SeedClusterRenderer = (
  plan: SeedClusterPlan,
) => Promise<SeedClusterFolder>;

export interface GitopsFleetSeedOptions {
  /** Path or URL of the GitOps repository; its default branch is written. */
  repo: string;
  seed: number;
  plans: SeedClusterPlan[];
  render: SeedClusterRenderer;
  author?: { name: string; email: string };
}

const FOLDER =
  /^clusters\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function parseMarker(text: string): SeedMarker {
  const marker = JSON.parse(text) as Partial<SeedMarker>;
  if (
    !Number.isInteger(marker.seed) ||
    !Number.isInteger(marker.clusters) ||
    (marker.clusters ?? -1) < 0
  ) {
    throw new InputError(
      `${SEED_MARKER_FILE} in the GitOps repository is not a seeding record (needs integer "seed" and "clusters")`,
    );
  }
  return {
    seed: marker.seed!,
    clusters: marker.clusters!,
    managementClusters: marker.managementClusters ?? [],
    folders: marker.folders ?? [],
    seededAt: marker.seededAt ?? '',
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Checks a rendered folder before anything is written: inside `clusters/`, plain file names. */
function checkFolder(plan: SeedClusterPlan, folder: SeedClusterFolder) {
  const problems: string[] = [];
  if (!FOLDER.test(folder.path) || normalize(folder.path) !== folder.path) {
    problems.push(
      `folder "${folder.path}" is not clusters/<mc>/<namespace>/<name>`,
    );
  } else if (folder.path.split('/')[1] !== plan.managementCluster) {
    problems.push(
      `folder "${folder.path}" is not under management cluster ${plan.managementCluster}`,
    );
  }
  for (const name of Object.keys(folder.files)) {
    if (!FILE_NAME.test(name) || name.includes('..')) {
      problems.push(`file name "${name}" is not a plain file name`);
    }
  }
  if (problems.length > 0) {
    throw new InputError(
      `Cannot seed cluster ${plan.name}: ${problems.join('; ')}`,
    );
  }
}

/**
 * Reads the seeding record of the GitOps repository; when there is none and
 * `plans` is not empty, renders every planned cluster's folder, writes them
 * and the record in one commit and pushes it. Folders that exist already are
 * left alone. Returns the record (undefined when nothing was ever seeded).
 */
export async function seedGitopsRepository(
  options: GitopsFleetSeedOptions,
): Promise<{ marker?: SeedMarker; written: boolean }> {
  const work = await mkdtemp(join(tmpdir(), 'capi-simulator-seed-'));
  const author = options.author ?? {
    name: 'Capstan demo seeding',
    email: 'capstan@localhost',
  };
  try {
    for (let attempt = 1; ; attempt++) {
      const tree = join(work, `attempt-${attempt}`);
      await git(['clone', '--quiet', '--depth', '1', options.repo, tree]).catch(
        error => {
          throw new Error(
            `Cannot read the GitOps repository ${redactRepoUrl(
              options.repo,
            )}: ${redactRepoUrl((error as Error).message)}`,
          );
        },
      );
      const markerPath = join(tree, SEED_MARKER_FILE);
      if (await exists(markerPath)) {
        return {
          marker: parseMarker(await readFile(markerPath, 'utf8')),
          written: false,
        };
      }
      if (options.plans.length === 0) return { written: false };

      // Render and check everything before writing anything.
      const folders: SeedClusterFolder[] = [];
      for (const plan of options.plans) {
        const folder = await options.render(plan);
        checkFolder(plan, folder);
        folders.push(folder);
      }
      const written: string[] = [];
      for (const folder of folders) {
        const dir = join(tree, ...folder.path.split('/'));
        if (!dir.startsWith(tree + sep)) continue;
        if (await exists(dir)) continue;
        await mkdir(dir, { recursive: true });
        for (const [name, content] of Object.entries(folder.files)) {
          await writeFile(join(dir, name), content);
        }
        written.push(folder.path);
      }
      const marker: SeedMarker = {
        seed: options.seed,
        clusters: options.plans.length,
        managementClusters: [
          ...new Set(options.plans.map(p => p.managementCluster)),
        ],
        folders: written,
        seededAt: new Date().toISOString(),
      };
      await mkdir(dirname(markerPath), { recursive: true });
      await writeFile(markerPath, `${JSON.stringify(marker, null, 2)}\n`);
      await git(['-C', tree, 'add', '--all']);
      await git([
        '-C',
        tree,
        '-c',
        `user.name=${author.name}`,
        '-c',
        `user.email=${author.email}`,
        '-c',
        'commit.gpgsign=false',
        'commit',
        '--quiet',
        '-m',
        `Seed ${written.length} demo clusters\n\nRendered by the capi-simulator with the new-cluster template's rendering (seed ${options.seed}).`,
      ]);
      try {
        await git(['-C', tree, 'push', '--quiet', 'origin', 'HEAD']);
        return { marker, written: true };
      } catch (error) {
        // Someone pushed first: start again from their commit.
        if (attempt >= 3) {
          throw new Error(
            `Cannot push the seeded clusters to ${redactRepoUrl(
              options.repo,
            )}: ${redactRepoUrl((error as Error).message)}`,
          );
        }
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
