import { hash } from 'node:crypto';
import type { Request, Response } from 'express';
import type { ClusterSummary, PageInfo } from '@capstan/plugin-capi-common';
import { toListItem } from './ClusterPages';

interface EncodedItem {
  json: Buffer;
  /** sha1 of `json`, for the answer's ETag. */
  hash: string;
}

/**
 * A JSON answer as it is sent, in parts (the kept item encodings are
 * written as they are, not copied into one buffer per request), and an
 * ETag that changes whenever its bytes do.
 */
export interface EncodedAnswer {
  parts: Buffer[];
  length: number;
  etag: string;
}

const COMMA = Buffer.from(',');

/**
 * Sends an encoded answer as Express's `res.send` would (Content-Length,
 * ETag, 304 for a matching If-None-Match, no body for HEAD), writing its
 * parts without joining them.
 */
export function sendEncodedAnswer(
  req: Request,
  res: Response,
  answer: EncodedAnswer,
): void {
  res.set('Content-Type', 'application/json; charset=utf-8');
  res.set('ETag', answer.etag);
  res.set('Content-Length', String(answer.length));
  if (req.fresh) {
    res.status(304);
    res.removeHeader('Content-Type');
    res.removeHeader('Content-Length');
    res.end();
    return;
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.cork();
  for (const part of answer.parts) res.write(part);
  res.end();
  res.uncork();
}

/**
 * The entity's cluster list as the API sends it, from list items encoded
 * once per cluster summary. Summaries are immutable and replaced when a
 * cluster, its machines or its patch state change, so an encoding kept by
 * the summary object (weakly) is never older than what it encodes; a
 * summary copied per request (stale, drift, Git folder) is simply encoded
 * anew.
 *
 * Why: encoding the page's items (~5 KB a cluster) and hashing the whole
 * answer for Express's ETag were most of an entity request's own time, and
 * their short-lived strings its garbage. Only encoding is kept: which ids
 * a caller may read is decided per request before paging, as before.
 *
 * @public
 */
export class EncodedListItems {
  readonly #items = new WeakMap<ClusterSummary, EncodedItem>();

  /** The list item (no machines, `machineCount`) of a summary, encoded. */
  item(summary: ClusterSummary): EncodedItem {
    let encoded = this.#items.get(summary);
    if (!encoded) {
      const json = Buffer.from(JSON.stringify(toListItem(summary)));
      encoded = { json, hash: hash('sha1', json, 'hex') };
      this.#items.set(summary, encoded);
    }
    return encoded;
  }

  /**
   * Exactly `JSON.stringify` of the EntityClustersResponse (same keys in
   * the same order), with the items' kept encodings.
   */
  entityAnswer(
    head: { entityRef: string } & PageInfo,
    summaries: readonly ClusterSummary[],
    staleManagementClusters: string[],
  ): EncodedAnswer {
    const { entityRef, offset, limit, total } = head;
    const openText = `${JSON.stringify({
      entityRef,
      offset,
      limit,
      total,
    }).slice(0, -1)},"items":[`;
    const closeText = `],"staleManagementClusters":${JSON.stringify(
      staleManagementClusters,
    )}}`;
    const open = Buffer.from(openText);
    const close = Buffer.from(closeText);
    const parts: Buffer[] = [open];
    let length = open.length + close.length;
    // The ETag hashes the parts' hashes: one short input, no body-sized one.
    const hashes: string[] = [];
    summaries.forEach((summary, i) => {
      const item = this.item(summary);
      if (i > 0) parts.push(COMMA);
      parts.push(item.json);
      length += item.json.length + (i > 0 ? 1 : 0);
      hashes.push(item.hash);
    });
    parts.push(close);
    const digest = hash(
      'sha1',
      `${openText}\n${hashes.join('')}\n${closeText}`,
      'base64url',
    );
    return { parts, length, etag: `W/"${length.toString(16)}-${digest}"` };
  }
}
