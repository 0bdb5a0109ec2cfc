/*
 * Child process of `yarn bench --simulator process`: the simulated fleet in
 * its own process, so its serving and garbage collection do not pause the
 * backends being measured (they still share the machine's cores).
 * Options in CAPSTAN_BENCH_FLEET (JSON); talks over the IPC channel.
 */
import { fork } from 'node:child_process';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  startInlineFleet,
  type BenchFleet,
  type BenchFleetOptions,
  type LabelledCluster,
} from './fleet';

type ParentMessage =
  | { type: 'phase'; id: number; cluster: LabelledCluster; phase: string }
  | { type: 'stop' };
type ChildMessage =
  | { type: 'ready'; fleet: Omit<BenchFleet, 'setClusterPhase' | 'stop'> }
  | { type: 'done'; id: number }
  | { type: 'failed'; message: string };

/** Starts the fleet in a child process; resolves once it is seeded and labelled. */
export function startFleetProcess(
  options: BenchFleetOptions,
): Promise<BenchFleet> {
  const child = fork(
    resolvePackagePath('@capstan/capi-bench', 'src/fleetProcess.ts'),
    [],
    {
      execArgv: [
        // The simulator reached 3.9 GB RSS at 50,000 clusters under a 4 GB limit.
        `--max-old-space-size=${Math.max(
          4096,
          Math.ceil(options.clusters / 6000) * 1024,
        )}`,
        '--require',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      ],
      env: { ...process.env, CAPSTAN_BENCH_FLEET: JSON.stringify(options) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const pending = new Map<number, () => void>();
  let nextId = 0;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', code =>
      reject(new Error(`fleet process exited with ${code}`)),
    );
    child.on('message', raw => {
      // The node transform also reports the files it loads ({ type: 'watch' }).
      const message = raw as ChildMessage;
      if (message.type === 'ready') {
        resolve({
          ...message.fleet,
          setClusterPhase: (cluster, phase) =>
            new Promise<void>(done => {
              const id = nextId++;
              pending.set(id, done);
              child.send({
                type: 'phase',
                id,
                cluster,
                phase,
              } satisfies ParentMessage);
            }),
          stop: () =>
            new Promise<void>(done => {
              child.removeAllListeners('exit');
              child.on('exit', () => done());
              child.send({ type: 'stop' } satisfies ParentMessage);
            }),
        });
      } else if (message.type === 'done') {
        pending.get(message.id)?.();
        pending.delete(message.id);
      } else if (message.type === 'failed') {
        reject(new Error(message.message));
      }
    });
  });
}

async function main() {
  const options = JSON.parse(
    process.env.CAPSTAN_BENCH_FLEET ?? '',
  ) as BenchFleetOptions;
  const fleet = await startInlineFleet(options);
  const send = (message: ChildMessage) => process.send?.(message);
  process.on('message', async raw => {
    const message = raw as ParentMessage;
    if (message.type === 'phase') {
      await fleet.setClusterPhase(message.cluster, message.phase);
      send({ type: 'done', id: message.id });
    } else if (message.type === 'stop') {
      await fleet.stop();
      process.exit(0);
    }
  });
  // The parent going away must not leave the servers running.
  process.on('disconnect', () => {
    fleet.stop().finally(() => process.exit(0));
  });
  send({
    type: 'ready',
    fleet: {
      managementClusters: fleet.managementClusters.map(mc => ({
        name: mc.name,
        url: mc.url,
        caData: mc.caData,
        readOnlyToken: mc.readOnlyToken,
      })),
      labelled: fleet.labelled,
      truth: fleet.truth,
      startMs: fleet.startMs,
    },
  });
}

if (process.env.CAPSTAN_BENCH_FLEET && require.main === module) {
  main().catch(error => {
    process.send?.({ type: 'failed', message: String(error?.stack ?? error) });
    process.exit(1);
  });
}
