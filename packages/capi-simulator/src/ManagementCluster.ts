import { randomBytes } from 'node:crypto';
import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import { ResourceRegistry } from './api/resources';
import { renderKubeconfig } from './kubeconfig';
import { InMemoryObjectStore } from './store/InMemoryObjectStore';
import { ControlHandler, KubeApiServer } from './server/KubeApiServer';
import { KubeStatusError } from './server/status';
import {
  CapiVersion,
  FaultOptions,
  InfrastructureProviderName,
  ManagementClusterFaults,
  PatchControls,
  SimulatedManagementCluster,
} from './types';

export interface ManagementClusterInit {
  name: string;
  provider: InfrastructureProviderName;
  servedVersions: CapiVersion[];
  registry: ResourceRegistry;
  tls: { cert: string; key: string; caCert: string };
  host: string;
  port: number;
  faults?: FaultOptions;
  bookmarkIntervalMs: number;
  watchHistorySize: number;
  newUid?: () => string;
}

function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** One simulated management cluster: its object store, API server and fault handles. */
export class ManagementCluster implements SimulatedManagementCluster {
  readonly name: string;
  readonly provider: InfrastructureProviderName;
  readonly caData: string;
  readonly token = newToken();
  readonly readOnlyToken = newToken();
  readonly restrictedToken = newToken();
  readonly store: InMemoryObjectStore;
  readonly server: KubeApiServer;
  kubeconfigPath?: string;
  patch: PatchControls = {
    securityRelease: () => {
      throw new Error('patch simulation is not attached');
    },
    runPatchWindow: () => {
      throw new Error('patch simulation is not attached');
    },
  };
  /** Extra control actions (patch events, GitOps status) added by the simulator. */
  readonly controlActions = new Map<string, ControlHandler>();
  readonly statusProviders: Array<() => Record<string, unknown>> = [];
  #downTimer?: NodeJS.Timeout;
  #stopped = false;

  constructor(init: ManagementClusterInit) {
    this.name = init.name;
    this.provider = init.provider;
    this.caData = init.tls.caCert;
    this.store = new InMemoryObjectStore({
      registry: init.registry,
      historySize: init.watchHistorySize,
      newUid: init.newUid,
      indexedLabel: CAPI_LABELS.clusterName,
    });
    this.server = new KubeApiServer({
      name: init.name,
      store: this.store,
      registry: init.registry,
      tls: init.tls,
      tokens: {
        full: this.token,
        read: this.readOnlyToken,
        restricted: this.restrictedToken,
      },
      host: init.host,
      port: init.port,
      servedVersions: init.servedVersions,
      bookmarkIntervalMs: init.bookmarkIntervalMs,
      faults: init.faults,
      control: (action, method, body) => this.#control(action, method, body),
    });
  }

  get url(): string {
    return this.server.url;
  }

  get kubeconfig(): string {
    return renderKubeconfig({
      name: this.name,
      url: this.url,
      caData: this.caData,
      token: this.token,
    });
  }

  readonly faults: ManagementClusterFaults = {
    set: (faults: FaultOptions) => this.server.setFaults(faults),
    dropWatches: () => this.server.dropWatches(),
    expireResourceVersions: () => {
      this.store.expireResourceVersions();
      // Open watches would otherwise go on from a position that no longer exists.
      this.server.dropWatches();
    },
    down: async () => {
      clearTimeout(this.#downTimer);
      await this.server.close();
    },
    up: async () => {
      clearTimeout(this.#downTimer);
      // A scheduled comeback must not reopen a stopped simulator.
      if (!this.#stopped) await this.server.listen();
    },
  };

  status(): Record<string, unknown> {
    const counts: Record<string, number> = {};
    for (const def of this.store.registry.definitions) {
      const key = def.group ? `${def.plural}.${def.group}` : def.plural;
      const count = this.store.count(key);
      if (count > 0) counts[key] = count;
    }
    return Object.assign(
      {
        name: this.name,
        url: this.url,
        provider: this.provider,
        resourceVersion: String(this.store.revision),
        openWatches: this.server.openWatches,
        faults: this.server.faults,
        objects: counts,
      },
      ...this.statusProviders.map(p => p()),
    );
  }

  async #control(
    action: string,
    method: string,
    body: Record<string, unknown>,
  ): Promise<unknown> {
    const key = `${method} ${action}`;
    switch (key) {
      case 'GET status':
        return this.status();
      case 'POST faults': {
        const { latencyMs, errorRate } = body;
        if (latencyMs !== undefined && typeof latencyMs !== 'number') {
          throw new KubeStatusError(
            400,
            'BadRequest',
            'latencyMs must be a number',
          );
        }
        if (errorRate !== undefined && typeof errorRate !== 'number') {
          throw new KubeStatusError(
            400,
            'BadRequest',
            'errorRate must be a number',
          );
        }
        this.server.setFaults({ latencyMs, errorRate });
        return { faults: this.server.faults };
      }
      case 'POST faults/drop-watches':
        this.faults.dropWatches();
        return { dropped: true };
      case 'POST faults/expire-resource-versions':
        this.faults.expireResourceVersions();
        return { resourceVersion: String(this.store.revision) };
      case 'POST faults/down': {
        const durationMs = Number(body.durationMs ?? 0);
        if (!(durationMs > 0 && durationMs <= 3_600_000)) {
          throw new KubeStatusError(
            400,
            'BadRequest',
            'durationMs must be between 1 and 3600000: the endpoint goes away with the listener, so it needs to know when to come back',
          );
        }
        // Answer first; the listener goes away right after.
        setImmediate(() => {
          this.faults.down().then(() => {
            this.#downTimer = setTimeout(
              () => void this.faults.up(),
              durationMs,
            );
          });
        });
        return { down: true, durationMs };
      }
      default: {
        const handler = this.controlActions.get(key);
        return handler ? handler(action, method, body) : undefined;
      }
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#downTimer);
    await this.server.close();
  }
}
