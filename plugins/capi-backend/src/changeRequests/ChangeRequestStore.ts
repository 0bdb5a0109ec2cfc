import type { DatabaseService } from '@backstage/backend-plugin-api';
import {
  FINAL_CHANGE_REQUEST_STAGES,
  type ChangeRequest,
  type ChangeRequestDesired,
  type ChangeRequestKind,
  type ChangeRequestStage,
  type ChangeRequestSubmission,
} from '@capstan/plugin-capi-common';
import type { Knex } from 'knex';
import { openCapiDatabase } from '../database/capiDatabase';

const TABLE = 'capi_change_requests';
const CHUNK = 200;

interface Row {
  id: string;
  cluster_id: string;
  kind: string;
  requested_by: string | null;
  requested_at: number | string;
  task_id: string;
  task_url: string | null;
  mode: string;
  commit_sha: string | null;
  pull_request_url: string | null;
  desired: string;
  stage: string;
  stage_at: number | string;
  stages: string;
  reason: string | null;
  open: boolean | number;
  pr_checked_at: number | string | null;
}

/** A stored request with what the tracker needs beyond the read model. */
export interface TrackedChangeRequest extends ChangeRequest {
  /** Epoch ms of the last pull request state check. */
  pullRequestCheckedAt?: number;
}

/** One step forward: the stages passed (in order) and, when final, why. */
export interface StageAdvance {
  stages: Array<{ stage: ChangeRequestStage; at: number }>;
  reason?: string;
}

const iso = (ms: number | string) => new Date(Number(ms)).toISOString();

function fromRow(row: Row): TrackedChangeRequest {
  const [managementCluster, namespace, name] = row.cluster_id.split('/');
  const stages = JSON.parse(row.stages) as Record<string, number>;
  const request: TrackedChangeRequest = {
    id: row.id,
    clusterId: row.cluster_id,
    managementCluster,
    namespace,
    name,
    kind: row.kind as ChangeRequestKind,
    taskId: row.task_id,
    mode: row.mode as ChangeRequest['mode'],
    desired: JSON.parse(row.desired) as ChangeRequestDesired,
    requestedAt: iso(row.requested_at),
    stage: row.stage as ChangeRequestStage,
    stageSince: iso(row.stage_at),
    stages: Object.fromEntries(
      Object.entries(stages).map(([stage, at]) => [stage, iso(at)]),
    ),
  };
  if (row.requested_by) request.requestedBy = row.requested_by;
  if (row.task_url) request.taskUrl = row.task_url;
  if (row.commit_sha) request.commitSha = row.commit_sha;
  if (row.pull_request_url) request.pullRequestUrl = row.pull_request_url;
  if (row.reason) request.reason = row.reason;
  if (row.pr_checked_at !== null) {
    request.pullRequestCheckedAt = Number(row.pr_checked_at);
  }
  return request;
}

/** The tracker's own fields are not part of the API's answer. */
export function toApi(request: TrackedChangeRequest): ChangeRequest {
  const { pullRequestCheckedAt: _, ...rest } = request;
  return rest;
}

/**
 * Change requests in the plugin database (SQLite or PostgreSQL), with the
 * knex migrations of `@capstan/plugin-capi-backend`.
 */
export class ChangeRequestStore {
  readonly #knex: Knex;
  readonly #now: () => number;

  static async create(options: {
    database: DatabaseService;
    now?: () => number;
  }): Promise<ChangeRequestStore> {
    const knex = await openCapiDatabase(options.database);
    return new ChangeRequestStore(knex, options.now ?? Date.now);
  }

  private constructor(knex: Knex, now: () => number) {
    this.#knex = knex;
    this.#now = now;
  }

  /**
   * Records a request in stage `requested`. The same id again (a re-run of
   * the step) changes nothing; returns whether a new request was stored.
   */
  async add(submission: ChangeRequestSubmission): Promise<boolean> {
    const at = this.#now();
    const inserted = await this.#knex(TABLE)
      .insert({
        id: submission.id,
        cluster_id: `${submission.managementCluster}/${submission.namespace}/${submission.name}`,
        kind: submission.kind,
        requested_by: submission.requestedBy ?? null,
        requested_at: at,
        task_id: submission.taskId,
        task_url: submission.taskUrl ?? null,
        mode: submission.mode,
        commit_sha: submission.commitSha ?? null,
        pull_request_url: submission.pullRequestUrl ?? null,
        desired: JSON.stringify(submission.desired),
        stage: 'requested',
        stage_at: at,
        stages: JSON.stringify({ requested: at }),
        reason: null,
        open: true,
        pr_checked_at: null,
      })
      .onConflict('id')
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  async get(id: string): Promise<TrackedChangeRequest | undefined> {
    const row = await this.#knex<Row>(TABLE).where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  /** Every open request, oldest first: the tracker's work list. */
  async listOpen(): Promise<TrackedChangeRequest[]> {
    const rows = await this.#knex<Row>(TABLE)
      .where({ open: true })
      .orderBy('requested_at', 'asc');
    return rows.map(fromRow);
  }

  /**
   * Open requests of these clusters, oldest first, and those that ended
   * since `endedSince` (epoch ms), so a card can show how they ended.
   */
  async openOf(
    clusterIds: string[],
    endedSince?: number,
  ): Promise<TrackedChangeRequest[]> {
    const result: TrackedChangeRequest[] = [];
    for (let i = 0; i < clusterIds.length; i += CHUNK) {
      const rows = await this.#knex<Row>(TABLE)
        .whereIn('cluster_id', clusterIds.slice(i, i + CHUNK))
        .andWhere(q => {
          q.where({ open: true });
          if (endedSince !== undefined) q.orWhere('stage_at', '>=', endedSince);
        })
        .orderBy('requested_at', 'asc');
      result.push(...rows.map(fromRow));
    }
    return result.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  }

  /** A cluster's requests, newest first. */
  async history(
    clusterId: string,
    page: { offset: number; limit: number },
  ): Promise<{ items: TrackedChangeRequest[]; total: number }> {
    const [{ count }] = await this.#knex(TABLE)
      .where({ cluster_id: clusterId })
      .count({ count: '*' });
    const rows = await this.#knex<Row>(TABLE)
      .where({ cluster_id: clusterId })
      .orderBy([
        { column: 'requested_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .offset(page.offset)
      .limit(page.limit);
    return { items: rows.map(fromRow), total: Number(count) };
  }

  /**
   * Moves a request on, only if it is still in `from` (another instance may
   * have moved it already); returns whether this call moved it.
   */
  async advance(
    request: TrackedChangeRequest,
    advance: StageAdvance,
  ): Promise<boolean> {
    const last = advance.stages[advance.stages.length - 1];
    if (!last) return false;
    const stages: Record<string, number> = Object.fromEntries(
      Object.entries(request.stages).map(([s, at]) => [s, Date.parse(at!)]),
    );
    for (const { stage, at } of advance.stages) stages[stage] = at;
    const updated = await this.#knex(TABLE)
      .where({ id: request.id, stage: request.stage })
      .update({
        stage: last.stage,
        stage_at: last.at,
        stages: JSON.stringify(stages),
        reason: advance.reason ?? null,
        open: !FINAL_CHANGE_REQUEST_STAGES.includes(last.stage),
      });
    return updated > 0;
  }

  /** Remembers when the pull request state was last asked for. */
  async markPullRequestChecked(id: string, at: number): Promise<void> {
    await this.#knex(TABLE).where({ id }).update({ pr_checked_at: at });
  }
}
