import { mockServices } from '@backstage/backend-test-utils';
import {
  KubernetesApiError,
  type KubernetesTransport,
} from '../kubernetes/KubernetesClient';
import { ClusterClassIndex } from './ClusterClassIndex';
import { watchClusterClasses } from './watchClusterClasses';

/** A management cluster that serves the ClusterClass API at `served` only (or none). */
function transportServing(served: string | undefined): {
  transport: KubernetesTransport;
  paths: string[];
} {
  const paths: string[] = [];
  const transport: KubernetesTransport = {
    getJson: async path => {
      paths.push(path);
      if (!served || !path.includes(`/${served}/`))
        throw new KubernetesApiError('the server could not find it', 404);
      return { metadata: { resourceVersion: '1' }, items: [] };
    },
    watch: (_path, _onEvent, { signal }) =>
      new Promise(resolve => signal.addEventListener('abort', () => resolve())),
    close: () => {},
  };
  return { transport, paths };
}

async function until(check: () => boolean) {
  for (let i = 0; i < 3000 && !check(); i++) {
    await new Promise(r => setTimeout(r, 10));
  }
}

describe('watchClusterClasses', () => {
  it('falls back to v1beta1, and marks a management cluster that serves neither version as having no ClusterClass API', async () => {
    const index = new ClusterClassIndex();
    const old = transportServing('v1beta1');
    const none = transportServing(undefined);
    const watches = [
      watchClusterClasses({
        managementCluster: 'old-capi',
        transport: old.transport,
        index,
        logger: mockServices.logger.mock(),
      }),
      watchClusterClasses({
        managementCluster: 'no-capi',
        transport: none.transport,
        index,
        logger: mockServices.logger.mock(),
      }),
    ];
    await until(
      () =>
        index.synced().includes('old-capi') && index.withoutApi().length > 0,
    );
    await Promise.all(watches.map(w => w.stop()));
    expect(index.synced()).toEqual(['old-capi']);
    expect(index.withoutApi()).toEqual(['no-capi']);
    expect(none.paths.some(p => p.includes('/v1beta1/'))).toBe(true);
    // Once its classes can be listed, the mark goes.
    index.replace('no-capi', []);
    expect(index.withoutApi()).toEqual([]);
  });
});
