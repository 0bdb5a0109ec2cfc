import { stringifyEntityRef } from '@backstage/catalog-model';
import { useAsyncEntity } from '@backstage/plugin-catalog-react';
import {
  CAPI_SIGNAL_CHANNELS,
  type ChangeRequestsResponse,
  type ClusterWithoutMachines,
} from '@capstan/plugin-capi-common';
import { useLiveLoad } from '../../hooks/useLiveLoad';
import { ChangeRequestStepper } from './ChangeRequestStepper';
import { useNow } from './useNow';
import { clusterInWords } from './changeRequestText';
import {
  useChangeRequestsClient,
  type ChangeRequestsClient,
} from './changeRequestsClient';

/** The signal channel of the entity shown, else the fleet's. */
function useChannel(): string {
  const { entity } = useAsyncEntity();
  return entity
    ? CAPI_SIGNAL_CHANNELS.entity(stringifyEntityRef(entity))
    : CAPI_SIGNAL_CHANNELS.fleet;
}

type ClusterNamed = Pick<
  ClusterWithoutMachines,
  'id' | 'name' | 'namespace' | 'managementCluster' | 'managementClusterTitle'
>;

/**
 * A cluster's open change requests (and those that just ended), each as a
 * stepper, updated live through signals. Shows nothing when there are none
 * or they cannot be read: the cluster itself is the card's subject.
 * `showPlace`: a namesake is on the page, so the texts say where it is.
 */
export function ClusterChangeRequests(props: {
  cluster: ClusterNamed;
  showPlace?: boolean;
}) {
  const client = useChangeRequestsClient();
  // Without the APIs (a bare test app) there is nothing to read or follow.
  return client ? (
    <OpenChangeRequests
      clusterId={props.cluster.id}
      words={clusterInWords(props.cluster, props.showPlace)}
      client={client}
    />
  ) : null;
}

function OpenChangeRequests(props: {
  clusterId: string;
  words: string;
  client: ChangeRequestsClient;
}) {
  const { client, words } = props;
  const channel = useChannel();
  const { value } = useLiveLoad<ChangeRequestsResponse | undefined>(
    channel,
    async () => client.open(props.clusterId),
    [client, props.clusterId],
  );
  const now = useNow();
  const items = value?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section aria-label={`Change requests of ${words}`}>
      {items.map(request => (
        <ChangeRequestStepper
          key={request.id}
          request={request}
          now={now}
          cluster={words}
        />
      ))}
    </section>
  );
}
