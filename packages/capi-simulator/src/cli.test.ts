import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError, parseCliArgs, runCli } from './cli';
import { waitFor } from './__testUtils__/kubeRequest';

// Real HTTPS, git and child processes: leave room for a loaded CI machine.
jest.setTimeout(30_000);

describe('capi-simulator CLI', () => {
  it('parses names or a count, numbers and fault flags', () => {
    expect(
      parseCliArgs([
        '--management-clusters',
        'fra-1, aws-1',
        '--seed-clusters',
        '50',
        '--time-scale',
        '20',
        '--port',
        '16443',
        '--no-reconcile',
        '--latency-ms',
        '100',
        '--error-rate',
        '0.1',
      ]),
    ).toMatchObject({
      managementClusters: ['fra-1', 'aws-1'],
      seedClusters: 50,
      timeScale: 20,
      port: 16443,
      reconcile: false,
      patchSimulation: true,
      faults: { latencyMs: 100, errorRate: 0.1 },
    });
    expect(parseCliArgs(['--management-clusters', '3'])).toMatchObject({
      managementClusters: 3,
    });
    expect(
      parseCliArgs([
        '--drop-watches-every-ms',
        '30000',
        '--expire-every-ms',
        '60000',
        '--outage',
        'mc-1:60000:10000',
        '--outage',
        'mc-2:90000:5000',
      ]),
    ).toMatchObject({
      scheduledFaults: {
        dropWatchesEveryMs: 30000,
        expireEveryMs: 60000,
        outages: [
          { managementCluster: 'mc-1', everyMs: 60000, downMs: 10000 },
          { managementCluster: 'mc-2', everyMs: 90000, downMs: 5000 },
        ],
      },
    });
    expect(parseCliArgs(['--help'])).toBe('help');
  });

  it('turns GitOps self-heal off, for every cluster or for some, or changes its delay', () => {
    expect(parseCliArgs(['--no-gitops-self-heal'])).toMatchObject({
      gitopsSelfHealAfterMs: false,
    });
    expect(
      parseCliArgs([
        '--gitops-self-heal-after-ms',
        '60000',
        '--gitops-self-heal-off',
        'onprem-fra/clusters/payments, aws-eu/team-a/shop',
      ]),
    ).toMatchObject({
      gitopsSelfHealAfterMs: 60000,
      gitopsSelfHealOff: ['onprem-fra/clusters/payments', 'aws-eu/team-a/shop'],
    });
    const defaults = parseCliArgs([]);
    expect(defaults).not.toHaveProperty('gitopsSelfHealAfterMs');
    expect(defaults).not.toHaveProperty('gitopsSelfHealOff');
  });

  it.each([
    [['--seed-clusters', 'many']],
    [['--error-rate', '2']],
    [['--time-scale', '0']],
    [['--port', '70000']],
    [['--bogus']],
    [['--outage', 'mc-1:100:100']],
    [['--outage', 'mc-1']],
    [['--drop-watches-every-ms', '1']],
    [['stray']],
    [['--gitops-self-heal-after-ms', '-1']],
    [['--gitops-self-heal-off', 'payments']],
    [['--gitops-self-heal-off', 'mc/../etc']],
    [['--gitops-self-heal-off', 'MC/ns/Name']],
  ])('rejects %j with a usage error', args => {
    expect(() => parseCliArgs(args)).toThrow(UsageError);
  });

  it('exits with 2 and explains bad flags', async () => {
    const err: string[] = [];
    const code = await runCli(['--seed-clusters', '-5x'], {
      out: () => {},
      err: l => err.push(l),
      onSignal: () => {},
    });
    expect(code).toBe(2);
    expect(err.join('\n')).toMatch(/seed-clusters/);
  });

  it('refuses an outage for an unknown management cluster', async () => {
    const err: string[] = [];
    const code = await runCli(
      [
        '--management-clusters',
        'one',
        '--outage',
        'two:1000:100',
        '--no-patch-simulation',
      ],
      {
        out: () => {},
        err: l => err.push(l),
        onSignal: () => {},
      },
    );
    expect(code).toBe(2);
    expect(err.join('\n')).toContain('no simulated management cluster "two"');
  });

  it('takes a management cluster down and back on the --outage schedule', async () => {
    const out: string[] = [];
    const handlers = new Map<string, () => void>();
    const running = runCli(
      [
        '--management-clusters',
        'one',
        '--outage',
        'one:150:50',
        '--no-patch-simulation',
        '--no-reconcile',
      ],
      {
        out: l => out.push(l),
        err: l => out.push(l),
        onSignal: (signal, handler) => handlers.set(signal, handler),
      },
    );
    try {
      await waitFor(() => out.some(l => l.includes('one is back')), {
        message: out.join('\n'),
      });
      expect(out.join('\n')).toContain('one going down for 50 ms');
    } finally {
      await waitFor(() => handlers.has('SIGINT'));
      handlers.get('SIGINT')!();
      expect(await running).toBe(0);
    }
  });

  it('prints where each management cluster listens, writes kubeconfigs and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'capi-sim-cli-'));
    const out: string[] = [];
    const handlers = new Map<string, () => void>();
    const running = runCli(
      [
        '--management-clusters',
        'one,two',
        '--kubeconfig-dir',
        dir,
        '--no-patch-simulation',
      ],
      {
        out: l => out.push(l),
        err: l => out.push(l),
        onSignal: (signal, handler) => handlers.set(signal, handler),
      },
    );
    try {
      await waitFor(() => handlers.has('SIGTERM'));
      const text = out.join('\n');
      expect(text).toMatch(
        /one {2}https:\/\/127\.0\.0\.1:\d+ {2}kubeconfig: .*one\.kubeconfig/,
      );
      expect(text).toMatch(/two {2}https:\/\/127\.0\.0\.1:\d+/);
      expect(readFileSync(join(dir, 'two.kubeconfig'), 'utf8')).toContain(
        'current-context: two',
      );
      // Tokens stay in the kubeconfig files, never on the console.
      expect(text).not.toMatch(/token/i);
    } finally {
      handlers.get('SIGTERM')?.();
      expect(await running).toBe(0);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
