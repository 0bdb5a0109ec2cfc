import type { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  clusterEntityName,
  parseClusterRef,
} from '@capstan/plugin-capi-common';

/**
 * The catalog `Resource` entity that stands for a cluster (the name the
 * catalog module and the scaffolder both use).
 */
export function clusterEntityRefOf(clusterId: string) {
  return {
    kind: 'Resource',
    namespace: 'default',
    name: clusterEntityName(parseClusterRef(clusterId)),
  };
}

/**
 * A link from a cluster's name to its catalog page; the bare name in an
 * app without the catalog's entity page (e.g. the plugin's dev harness).
 */
export function ClusterEntityLink(props: {
  clusterId: string;
  children: ReactNode;
}) {
  let path: string | undefined;
  try {
    // eslint-disable-next-line react-hooks/rules-of-hooks -- always called, once
    path = useRouteRef(entityRouteRef)(
      entityRouteParams(clusterEntityRefOf(props.clusterId)),
    );
  } catch {
    path = undefined;
  }
  if (!path) return <>{props.children}</>;
  const { name, namespace, managementCluster } = parseClusterRef(
    props.clusterId,
  );
  return (
    <Link
      to={path}
      title={`Catalog page of ${name} (namespace ${namespace} on management cluster ${managementCluster})`}
    >
      {props.children}
    </Link>
  );
}
