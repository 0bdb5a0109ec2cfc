import type { ReactNode } from 'react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
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

/** A link from a cluster's name to its catalog page. */
export function ClusterEntityLink(props: {
  clusterId: string;
  children: ReactNode;
}) {
  return (
    <EntityRefLink
      entityRef={clusterEntityRefOf(props.clusterId)}
      title={`Open ${props.clusterId} in the catalog`}
    >
      {props.children}
    </EntityRefLink>
  );
}
