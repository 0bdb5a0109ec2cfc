import { fromV1beta1, toV1beta1 } from '../api/conversion';
import { KubeObject } from '../types';
import type { ResourceRequest } from './ResourceRequests';

/*
 * Conversion between the stored (storage version) shape and the request's
 * version: CAPI kinds are served as v1beta1 too.
 */

function isCapiVersion(version: string) {
  return version === 'v1beta1';
}

export function outObject(r: ResourceRequest, obj: KubeObject): KubeObject {
  return isCapiVersion(r.version) && r.def.versions[0] !== r.version
    ? toV1beta1(obj)
    : obj;
}

export function outJson(r: ResourceRequest, json: string): string {
  return isCapiVersion(r.version) && r.def.versions[0] !== r.version
    ? JSON.stringify(toV1beta1(JSON.parse(json)))
    : json;
}

export function inObject(r: ResourceRequest, obj: KubeObject): KubeObject {
  const version = (obj.apiVersion ?? '').split('/').pop();
  return version === 'v1beta1' && r.def.versions[0] !== 'v1beta1'
    ? fromV1beta1(obj)
    : obj;
}
