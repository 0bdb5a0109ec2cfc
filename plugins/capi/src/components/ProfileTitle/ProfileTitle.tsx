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
 * The part of a profile's title after words said just before it: "Staging"
 * of "On-prem Frankfurt (vSphere) – Staging" after the management cluster's
 * title. The whole title when it does not start with them.
 */
export function profileTitleAfter(title: string, said?: string): string {
  if (!said || !title.startsWith(said)) return title;
  const rest = /^\s*[–—:-]\s*(\S.*)$/.exec(title.slice(said.length));
  return rest ? rest[1] : title;
}

/**
 * A cluster profile by its title ("On-prem Frankfurt (vSphere) – Development"),
 * its name on hover; the name alone while the profiles load, when they
 * cannot be read, or for a profile the backend no longer offers. `after`
 * is what the text says just before (the management cluster's title), so
 * the title does not say it again.
 */
export function ProfileTitle(props: { name: string; after?: string }) {
  const api = useApi(capiApiRef);
  const { value } = useAsync(() => profilesOf(api), [api]);
  const title = value?.find(p => p.name === props.name)?.title;
  if (!title || title === props.name) return <>{props.name}</>;
  const shown = profileTitleAfter(title, props.after);
  return (
    <span
      title={
        shown === title
          ? `Profile ${props.name}`
          : `${title} (profile ${props.name})`
      }
    >
      {shown}
    </span>
  );
}
