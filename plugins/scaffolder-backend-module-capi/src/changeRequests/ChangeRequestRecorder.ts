import { createHash } from 'node:crypto';
import type {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  CHANGE_REQUEST_API_PATHS,
  stringifyClusterRef,
  type ChangeRequest,
  type ChangeRequestDesired,
  type ChangeRequestsResponse,
  type ChangeRequestSubmission,
  type ClusterRef,
} from '@capstan/plugin-capi-common';
import { changeKindInWords, clusterInWords } from '../logText';
import { classicPoolVersions } from '../day2/planClassicUpgrade';
import type { ClusterManifests } from '../manifests/ClusterManifests';

/** A request's id: stable for one step run (its `Capstan-Step` marker). */
export function changeRequestId(marker: string): string {
  return createHash('sha256').update(marker).digest('hex').slice(0, 32);
}

/** The values a change leaves in the cluster's manifests; none after a decommission. */
export function desiredOf(
  manifests: ClusterManifests | undefined,
): ChangeRequestDesired {
  if (!manifests) return { present: false };
  // A topology's pools follow its version; a classic pool names its own.
  const poolVersions = new Map(
    manifests.isTopology
      ? manifests
          .nodePools()
          .map(p => [p.name, manifests.kubernetesVersion || undefined])
      : classicPoolVersions(manifests).map(p => [p.name, p.version]),
  );
  const desired: ChangeRequestDesired = {
    present: true,
    controlPlaneReplicas: manifests.controlPlaneReplicas,
    pools: manifests.nodePools().map(pool => {
      const version = poolVersions.get(pool.name);
      let sized: NonNullable<ChangeRequestDesired['pools']>[number] = {
        name: pool.name,
      };
      if (pool.autoscaling) {
        sized = { name: pool.name, autoscaling: pool.autoscaling };
      } else if (pool.replicas !== undefined) {
        sized = { name: pool.name, replicas: pool.replicas };
      }
      return version ? { ...sized, version } : sized;
    }),
  };
  if (manifests.kubernetesVersion) {
    desired.version = manifests.kubernetesVersion;
  }
  return desired;
}

/** The desired values of a cluster.yaml; undefined when it does not parse. */
export function desiredOfManifestText(
  text: string,
  parse: (text: string) => ClusterManifests,
): ChangeRequestDesired | undefined {
  try {
    return desiredOf(parse(text));
  } catch {
    return undefined;
  }
}

/** Hands change requests to the capi backend, and asks it for open ones. */
export interface ChangeRequests {
  record(submission: ChangeRequestSubmission): Promise<void>;
  /** Open requests of a cluster; undefined when the backend did not answer. */
  openOf(ref: ClusterRef): Promise<ChangeRequest[] | undefined>;
  /** The scaffolder task's page, for the request's link. */
  taskUrl(taskId: string): string | undefined;
}

/**
 * Talks to the capi backend as this plugin's own service identity
 * (`POST /change-requests` accepts services only). Recording never fails
 * the step: the change is already in Git, so a failure is logged.
 */
export class CapiBackendChangeRequests implements ChangeRequests {
  readonly #discovery: DiscoveryService;
  readonly #auth: AuthService;
  readonly #logger: LoggerService;
  readonly #appBaseUrl?: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  static create(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
    /** `app.baseUrl`, for task links. */
    appBaseUrl?: string;
    fetch?: typeof fetch;
    timeoutMs?: number;
  }) {
    return new CapiBackendChangeRequests(options);
  }

  private constructor(options: {
    discovery: DiscoveryService;
    auth: AuthService;
    logger: LoggerService;
    appBaseUrl?: string;
    fetch?: typeof fetch;
    timeoutMs?: number;
  }) {
    this.#discovery = options.discovery;
    this.#auth = options.auth;
    this.#logger = options.logger;
    this.#appBaseUrl = options.appBaseUrl?.replace(/\/+$/, '');
    this.#fetch = options.fetch ?? fetch;
    this.#timeoutMs = options.timeoutMs ?? 15_000;
  }

  taskUrl(taskId: string): string | undefined {
    return this.#appBaseUrl
      ? `${this.#appBaseUrl}/create/tasks/${encodeURIComponent(taskId)}`
      : undefined;
  }

  async #call(path: string, init: RequestInit = {}) {
    const baseUrl = await this.#discovery.getBaseUrl('capi');
    const { token } = await this.#auth.getPluginRequestToken({
      onBehalfOf: await this.#auth.getOwnServiceCredentials(),
      targetPluginId: 'capi',
    });
    return this.#fetch(`${baseUrl}${path}`, {
      ...init,
      headers: {
        ...init.headers,
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      signal: AbortSignal.timeout(this.#timeoutMs),
    });
  }

  async record(submission: ChangeRequestSubmission): Promise<void> {
    const what = `the change request for this ${changeKindInWords(
      submission.kind,
    )} of ${clusterInWords(submission)}`;
    try {
      const response = await this.#call(
        CHANGE_REQUEST_API_PATHS.changeRequests,
        { method: 'POST', body: JSON.stringify(submission) },
      );
      if (!response.ok) {
        this.#logger.warn(
          `Recording ${what} failed (the capi backend answered HTTP ${response.status}). The change is published, but its progress will not show on the cluster's card.`,
        );
        return;
      }
      this.#logger.info(
        response.status === 201
          ? `Recorded ${what}; its progress shows on the cluster's card.`
          : `An earlier run of this step already recorded ${what}.`,
      );
    } catch (error) {
      this.#logger.warn(
        `Recording ${what} failed (the capi backend did not answer: ${
          (error as Error).name
        }). The change is published, but its progress will not show on the cluster's card.`,
      );
    }
  }

  async openOf(ref: ClusterRef): Promise<ChangeRequest[] | undefined> {
    try {
      const query = new URLSearchParams({ cluster: stringifyClusterRef(ref) });
      const response = await this.#call(
        `${CHANGE_REQUEST_API_PATHS.changeRequests}?${query}`,
      );
      if (!response.ok) return undefined;
      return ((await response.json()) as ChangeRequestsResponse).items;
    } catch {
      return undefined;
    }
  }
}
