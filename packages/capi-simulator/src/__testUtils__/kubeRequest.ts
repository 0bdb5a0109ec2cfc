import https from 'node:https';
import { SimulatedManagementCluster } from '../types';

export interface KubeResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

/** A raw HTTPS request to a simulated management cluster, trusting its CA. For tests. */
export function kubeRequest(
  mc: Pick<SimulatedManagementCluster, 'url' | 'caData' | 'token'>,
  method: string,
  path: string,
  options: {
    body?: unknown;
    token?: string | null;
    contentType?: string;
    accept?: string;
  } = {},
): Promise<KubeResponse> {
  const url = new URL(path, mc.url);
  let body: string | undefined;
  if (typeof options.body === 'string') body = options.body;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  const headers: Record<string, string> = {};
  const token = options.token === undefined ? mc.token : options.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined)
    headers['content-type'] = options.contentType ?? 'application/json';
  if (options.accept) headers.accept = options.accept;
  return new Promise((resolve, reject) => {
    // A fresh connection per request, so a management cluster going down shows as ECONNREFUSED.
    const req = https.request(
      url,
      { method, headers, ca: mc.caData, agent: false },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', c => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            json,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Opens a watch and collects its events until closed. For tests. */
export function openWatch(
  mc: Pick<SimulatedManagementCluster, 'url' | 'caData' | 'token'>,
  path: string,
) {
  const events: Array<{ type: string; object: any }> = [];
  let ended = false;
  let statusCode = 0;
  let request: ReturnType<typeof https.request> | undefined;
  const started = new Promise<void>((resolve, reject) => {
    request = https.request(
      new URL(path, mc.url),
      {
        headers: { authorization: `Bearer ${mc.token}` },
        ca: mc.caData,
        agent: false,
      },
      res => {
        statusCode = res.statusCode ?? 0;
        let buffer = '';
        res.on('data', chunk => {
          buffer += chunk.toString('utf8');
          let newline = buffer.indexOf('\n');
          while (newline >= 0) {
            const line = buffer.slice(0, newline).trim();
            buffer = buffer.slice(newline + 1);
            if (line) events.push(JSON.parse(line));
            newline = buffer.indexOf('\n');
          }
        });
        res.on('end', () => {
          ended = true;
        });
        res.on('close', () => {
          ended = true;
        });
        resolve();
      },
    );
    request.on('error', error => {
      ended = true;
      reject(error);
    });
    request.end();
  });
  return {
    events,
    started,
    get ended() {
      return ended;
    },
    get statusCode() {
      return statusCode;
    },
    close: () => request?.destroy(),
  };
}

/** Polls until `check` returns a truthy value or the timeout passes. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 15_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `${options.message ?? 'condition not met in time'}${
          last ? `: ${last}` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, options.intervalMs ?? 20));
  }
}
