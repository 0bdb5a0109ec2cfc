import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { KubeClient } from './KubeClient';

const exec = promisify(execFile);

/** What `scripts/real-capi.sh start` writes to `<dir>/stack.json`. */
export interface RealCapiStackInfo {
  /** `https://127.0.0.1:<port>` */
  server: string;
  caFile: string;
  tokenFile: string;
  kubeconfig: string;
  /** etcd client URL, plain HTTP on loopback. */
  etcd: string;
  /** Folder of the CRDs collected by `build`. */
  crds: string;
  /** Folder of upstream templates collected by `build` (the in-memory ClusterClass). */
  templates: string;
}

/** The repository root: the folder holding `scripts/real-capi.sh`. */
export function repoRoot(from: string = process.cwd()): string {
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'scripts', 'real-capi.sh'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`scripts/real-capi.sh not found above ${from}`);
    }
    dir = parent;
  }
}

/**
 * One real API server with the real Cluster API CRDs, started through
 * `scripts/real-capi.sh` in its own state folder and stopped by pid.
 *
 * The binaries must have been built (`scripts/real-capi.sh build`); when they
 * are missing, `start` fails with that instruction rather than skipping.
 */
export class RealCapiStack {
  private constructor(
    readonly dir: string,
    readonly info: RealCapiStackInfo,
    private readonly script: string,
    private readonly ownsDir: boolean,
  ) {}

  /**
   * Starts etcd and kube-apiserver with the CRDs; with `controllers`, also the
   * Cluster API managers (core, kubeadm bootstrap and control plane, the
   * development provider with its in-memory backend) and their webhooks.
   */
  static async start(
    options: {
      dir?: string;
      controllers?: boolean;
      /** Extra kube-apiserver flags, e.g. `--watch-cache=false`. */
      apiServerFlags?: string[];
    } = {},
  ): Promise<RealCapiStack> {
    const script = path.join(repoRoot(), 'scripts', 'real-capi.sh');
    const dir =
      options.dir ??
      fs.mkdtempSync(path.join(os.tmpdir(), 'capstan-real-capi-'));
    try {
      const args = [script, 'start', '--dir', dir];
      if (options.controllers) args.push('--controllers');
      await exec('bash', args, {
        env: {
          ...process.env,
          CAPSTAN_REAL_CAPI_APISERVER_FLAGS: (
            options.apiServerFlags ?? []
          ).join(' '),
        },
        timeout: options.controllers ? 600_000 : 240_000,
        maxBuffer: 4 * 1024 * 1024,
      });
    } catch (error) {
      const stderr = String((error as { stderr?: string }).stderr ?? '');
      // Whatever came up before the failure goes down again.
      await exec('bash', [script, 'stop', '--dir', dir]).catch(() => {});
      throw new Error(
        `the real CAPI stack did not start: ${
          stderr.trim() || (error as Error).message
        }`,
      );
    }
    const info = JSON.parse(
      fs.readFileSync(path.join(dir, 'stack.json'), 'utf8'),
    ) as RealCapiStackInfo;
    return new RealCapiStack(dir, info, script, options.dir === undefined);
  }

  /** A client that authenticates with the stack's static token. */
  client(): KubeClient {
    return new KubeClient({
      server: this.info.server,
      ca: fs.readFileSync(this.info.caFile, 'utf8'),
      token: fs.readFileSync(this.info.tokenFile, 'utf8').trim(),
    });
  }

  /** Stops the API server and starts it again on the same port and etcd. */
  async restartApiServer(): Promise<void> {
    await exec('bash', [this.script, 'restart-apiserver', '--dir', this.dir], {
      timeout: 180_000,
    });
  }

  /** Stops both processes; removes the state folder when `start` made it. */
  async stop(): Promise<void> {
    await exec('bash', [this.script, 'stop', '--dir', this.dir], {
      timeout: 60_000,
    });
    if (this.ownsDir) {
      fs.rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
