import { InputError } from '@backstage/errors';
import { startSimulator } from './simulator';
import { kubeRequest } from './__testUtils__/kubeRequest';

// Real HTTPS, git and child processes: leave room for a loaded CI machine.
jest.setTimeout(30_000);

describe('startSimulator', () => {
  it.each([
    [{ managementClusters: [] }, /at least one/],
    [{ managementClusters: ['Bad_Name'] }, /DNS label/],
    [{ managementClusters: ['a', 'a'] }, /listed twice/],
    [
      { managementClusters: [{ name: 'a', servedVersions: ['v2' as any] }] },
      /servedVersions/,
    ],
    [{ managementClusters: 1, seedClusters: -1 }, /seedClusters/],
    [{ managementClusters: 1, timeScale: 0 }, /timeScale/],
    [{ managementClusters: 1, port: 70000 }, /port/],
  ])('rejects %j with an InputError', async (options, message) => {
    const result = startSimulator({
      reconcile: false,
      patchSimulation: false,
      ...options,
    } as any);
    await expect(result).rejects.toThrow(InputError);
    await expect(result).rejects.toThrow(message);
  });

  it('fails cleanly when a port is taken, releasing the ports it opened', async () => {
    const first = await startSimulator({
      managementClusters: 1,
      reconcile: false,
      patchSimulation: false,
    });
    try {
      const taken = Number(new URL(first.managementClusters[0].url).port);
      await expect(
        startSimulator({
          managementClusters: 2,
          port: taken - 1,
          reconcile: false,
          patchSimulation: false,
        }),
      ).rejects.toThrow(/EADDRINUSE/);
      // The simulator that was already running is unaffected.
      expect(
        (await kubeRequest(first.managementClusters[0], 'GET', '/version'))
          .status,
      ).toBe(200);
    } finally {
      await first.stop();
    }
  });

  it('names management clusters mc-1..mc-N for a count and throws for an unknown name', async () => {
    const sim = await startSimulator({
      managementClusters: 2,
      reconcile: false,
      patchSimulation: false,
    });
    try {
      expect(sim.managementClusters.map(m => m.name)).toEqual(['mc-1', 'mc-2']);
      expect(() => sim.get('mc-3')).toThrow(
        /no simulated management cluster "mc-3"/,
      );
      const bad = await kubeRequest(
        sim.get('mc-1'),
        'GET',
        '/apis/cluster.x-k8s.io/v1beta2/namespaces/%E0%A4%A/clusters',
      );
      expect(bad.status).toBe(400);
    } finally {
      await sim.stop();
    }
  });
});
