import { KubeObject } from '../types';

/** A Kubernetes `Status` failure, thrown by request handlers and written by the server. */
export class KubeStatusError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details?: Record<string, unknown>;

  constructor(
    code: number,
    reason: string,
    message: string,
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toStatus(): KubeObject {
    return statusObject(this.code, this.reason, this.message, this.details);
  }
}

export function statusObject(
  code: number,
  reason: string,
  message: string,
  details?: Record<string, unknown>,
): KubeObject {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {} as KubeObject['metadata'],
    status: 'Failure',
    message,
    reason,
    ...(details ? { details } : {}),
    code,
  } as unknown as KubeObject;
}

/** Maps errors from the store (@backstage/errors) and elsewhere to Kubernetes statuses. */
export function toKubeStatusError(error: unknown): KubeStatusError {
  if (error instanceof KubeStatusError) return error;
  const name = (error as Error)?.name;
  const message = (error as Error)?.message ?? String(error);
  switch (name) {
    case 'NotFoundError':
      return new KubeStatusError(404, 'NotFound', message);
    case 'ConflictError':
      return message.includes('already exists')
        ? new KubeStatusError(409, 'AlreadyExists', message)
        : new KubeStatusError(409, 'Conflict', message);
    case 'InputError':
      return new KubeStatusError(422, 'Invalid', message);
    default:
      return new KubeStatusError(
        500,
        'InternalError',
        `Internal error occurred: ${message}`,
      );
  }
}
