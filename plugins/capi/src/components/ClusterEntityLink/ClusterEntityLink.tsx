import type { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Link } from '@backstage/core-components';
import { useApiHolder, useRouteRef } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { parseClusterRef } from '@capstan/plugin-capi-common';
import { ClusterEntityLookup } from './clusterEntityLookup';

/**
 * A link from a cluster's name to its catalog page; the bare name while the
 * entity is unknown (not visible to the user, not in the catalog yet) or in
 * an app without the catalog's entity page (e.g. the plugin's dev harness).
 *
 * The entity's name says nothing about the cluster (catalog relations show
 * it to everyone), so it comes from the API (`entityName` of a cluster
 * summary or fleet row); without it the catalog is asked by the entity's
 * `capstan.dev/cluster-ref` annotation.
 */
export function ClusterEntityLink(props: {
  clusterId: string;
  entityName?: string;
  children: ReactNode;
}) {
  const { clusterId, entityName } = props;
  let pathOf: ((name: string) => string) | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks -- always called, once
    const entityRoute = useRouteRef(entityRouteRef);
    pathOf = name =>
      entityRoute(
        entityRouteParams({ kind: 'Resource', namespace: 'default', name }),
      );
  } catch {
    pathOf = undefined;
  }
  const linkable = Boolean(pathOf);
  const catalog = useApiHolder().get(catalogApiRef);
  const { value: found } = useAsync(async () => {
    if (entityName || !catalog || !linkable) return undefined;
    return ClusterEntityLookup.for(catalog).entityNameOf(clusterId);
  }, [clusterId, entityName, catalog, linkable]);
  const name = entityName ?? found;
  const path = pathOf && name ? pathOf(name) : undefined;
  if (!path) return <>{props.children}</>;
  const place = parseClusterRef(clusterId);
  return (
    <Link
      to={path}
      title={`Catalog page of ${place.name} (namespace ${place.namespace} on management cluster ${place.managementCluster})`}
    >
      {props.children}
    </Link>
  );
}
