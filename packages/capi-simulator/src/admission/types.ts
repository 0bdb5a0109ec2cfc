import { KubeObject } from '../types';
import { FieldError } from './fieldErrors';

/** Read access to the management cluster's objects, which some rules look at (as CAPI's webhooks read through their client). */
export interface AdmissionReader {
  get(
    resource: string,
    namespace: string | undefined,
    name: string,
  ): KubeObject | undefined;
  list(resource: string, namespace?: string): KubeObject[];
}

/** A create (no `oldObject`) or an update of one object, in the storage version (v1beta2). */
export interface AdmissionRequest {
  object: KubeObject;
  oldObject?: KubeObject;
  reader: AdmissionReader;
}

/** One validating webhook of CAPI: its registered name and its rules. */
export interface ValidatingWebhook {
  name: string;
  validate(request: AdmissionRequest): FieldError[];
}

export type Json = Record<string, unknown>;

export function field(obj: unknown, ...path: string[]): unknown {
  let at: unknown = obj;
  for (const key of path) {
    if (!at || typeof at !== 'object') return undefined;
    at = (at as Json)[key];
  }
  return at;
}
