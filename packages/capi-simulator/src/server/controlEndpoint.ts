import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Access } from './authorization';
import { send } from './ResourceRequests';
import { KubeStatusError } from './status';

/** Handlers behind `/_simulator/...`, reachable with the full token only. */
export type ControlHandler = (
  action: string,
  method: string,
  body: Record<string, unknown>,
) => Promise<unknown> | unknown;

/** Serves one `/_simulator/<action>` request: full token only, JSON body, the handler's answer. */
export async function serveControl(
  req: IncomingMessage,
  res: ServerResponse,
  action: string,
  access: Access,
  handler: ControlHandler | undefined,
) {
  if (access !== 'full') {
    throw new KubeStatusError(
      403,
      'Forbidden',
      'the simulator control endpoint needs the full-rights token',
    );
  }
  let body: Record<string, unknown> = {};
  if (req.method === 'POST' || req.method === 'PUT') {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8').trim();
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        throw new KubeStatusError(
          400,
          'BadRequest',
          'the control request body must be JSON',
        );
      }
    }
  }
  if (!handler) {
    throw new KubeStatusError(
      404,
      'NotFound',
      `unknown simulator action "${action}"`,
    );
  }
  const result = await handler(action, req.method ?? 'GET', body);
  if (result === undefined) {
    throw new KubeStatusError(
      404,
      'NotFound',
      `unknown simulator action "${req.method} ${action}"`,
    );
  }
  send(res, 200, result);
}
