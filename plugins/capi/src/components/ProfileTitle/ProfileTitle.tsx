import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import type { ClusterProfileSummary } from '@capstan/plugin-capi-common';
import { capiApiRef, type CapiApi } from '../../api';

// One request per API client for every cluster on the page: profiles change
// only with the backend's config.
const loaded = new WeakMap<CapiApi, Promise<ClusterProfileSummary[]>>();

function profilesOf(api: CapiApi): Promise<ClusterProfileSummary[]> {
  let profiles = loaded.get(api);
  if (!profiles) {
    profiles = api.getProfiles().then(
      r => r.items,
      () => {
        // A failed load is not kept: the next render asks again.
        loaded.delete(api);
        return [];
      },
    );
    loaded.set(api, profiles);
  }
  return profiles;
}

/**
 * A cluster profile by its title ("On-prem Frankfurt (vSphere) – Development"),
 * its name on hover; the name alone while the profiles load, when they
 * cannot be read, or for a profile the backend no longer offers.
 */
export function ProfileTitle(props: { name: string }) {
  const api = useApi(capiApiRef);
  const { value } = useAsync(() => profilesOf(api), [api]);
  const title = value?.find(p => p.name === props.name)?.title;
  return title && title !== props.name ? (
    <span title={`Profile ${props.name}`}>{title}</span>
  ) : (
    <>{props.name}</>
  );
}
