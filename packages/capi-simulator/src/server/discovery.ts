import type { IncomingMessage } from 'node:http';
import { ResourceDefinition, ResourceRegistry } from '../api/resources';
import { CapiVersion } from '../types';

const KUBERNETES_VERSION = { major: '1', minor: '34', gitVersion: 'v1.34.1' };

export interface ApiDiscoveryOptions {
  registry: ResourceRegistry;
  servedVersions: CapiVersion[];
}

/**
 * The discovery documents (`/version`, `/api`, `/apis`, `/apis/<group>[/<version>]`)
 * and which versions of each resource the management cluster serves.
 */
export class ApiDiscovery {
  readonly #registry: ResourceRegistry;
  readonly #servedCapiVersions: CapiVersion[];

  constructor(options: ApiDiscoveryOptions) {
    this.#registry = options.registry;
    this.#servedCapiVersions = options.servedVersions;
  }

  /** The API versions of a resource this management cluster serves (CAPI groups may serve fewer). */
  servedVersions(def: ResourceDefinition): string[] {
    if (!def.versions.includes('v1beta2') && !def.versions.includes('v1beta1'))
      return def.versions;
    if (!def.group.endsWith('cluster.x-k8s.io')) return def.versions;
    if (def.versions.length === 1) return def.versions;
    return def.versions.filter(v =>
      this.#servedCapiVersions.includes(v as CapiVersion),
    );
  }

  /** The served versions of a group's resources, preferred first. */
  groupVersions(defs: ResourceDefinition[]): string[] {
    const order = ['v1', 'v1beta2', 'v1alpha2', 'v1beta1'];
    const versions = new Set(defs.flatMap(d => this.servedVersions(d)));
    return [...versions].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  }

  version() {
    return {
      ...KUBERNETES_VERSION,
      gitCommit: '0000000000000000000000000000000000000000',
      gitTreeState: 'clean',
      buildDate: '2026-01-01T00:00:00Z',
      goVersion: 'go1.24.0',
      compiler: 'gc',
      platform: 'linux/amd64',
    };
  }

  coreVersions(req: IncomingMessage) {
    return {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [
        { clientCIDR: '0.0.0.0/0', serverAddress: req.headers.host ?? '' },
      ],
    };
  }

  group(name: string, versions: string[]) {
    const list = versions.map(version => ({
      groupVersion: `${name}/${version}`,
      version,
    }));
    return {
      kind: 'APIGroup',
      apiVersion: 'v1',
      name,
      versions: list,
      preferredVersion: list[0],
    };
  }

  groupList() {
    const groups = [...this.#registry.groups()]
      .filter(([group]) => group !== '')
      .map(([group, defs]) => this.group(group, this.groupVersions(defs)))
      .filter(g => g.versions.length > 0);
    return { kind: 'APIGroupList', apiVersion: 'v1', groups };
  }

  resourceList(group: string, version: string, defs: ResourceDefinition[]) {
    const resources = defs.flatMap(def => {
      const verbs = [
        'delete',
        'deletecollection',
        'get',
        'list',
        'patch',
        'create',
        'update',
        'watch',
      ];
      const main = {
        name: def.plural,
        singularName: def.singular,
        namespaced: def.namespaced,
        kind: def.kind,
        verbs,
        ...(def.shortNames ? { shortNames: def.shortNames } : {}),
        ...(def.categories ? { categories: def.categories } : {}),
        storageVersionHash: Buffer.from(`${group}/${def.kind}`)
          .toString('base64')
          .slice(0, 11),
      };
      if (!def.statusSubresource) return [main];
      return [
        main,
        {
          name: `${def.plural}/status`,
          singularName: '',
          namespaced: def.namespaced,
          kind: def.kind,
          verbs: ['get', 'patch', 'update'],
        },
      ];
    });
    return {
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: group ? `${group}/${version}` : version,
      resources,
    };
  }
}
