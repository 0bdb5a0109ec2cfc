import { EmptyState, Progress } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { RequestClusterButton } from '../EntityCapiClustersCard/RequestClusterButton';
import { useClusterVisibility } from './useClusterVisibility';

const nameOf = (ref: string) => parseEntityRef(ref).name;

/**
 * The card's and tab's empty state. A member of the entity's owner (or the
 * platform team) is told the entity has no clusters and offered the
 * new-cluster template; anyone else is told that this team's clusters are
 * shown to its members, without the button (they could not request a
 * cluster for a team they are not in) and without saying whether any exist.
 */
export function NoClusters() {
  const { entity } = useEntity();
  const visibility = useClusterVisibility(entity);
  if (visibility.loading) return <Progress />;
  if (visibility.kind === 'outsider') {
    const owners = visibility.owners.map(nameOf);
    const whose = owners.length > 0 ? owners.join(' and ') : 'its owner';
    return (
      <EmptyState
        missing="info"
        title="No clusters you can see here"
        description={`Clusters of ${whose} are shown to its members and to the platform team, and you are not one of them. Your own team's clusters are on your team's page and on the components it owns.`}
      />
    );
  }
  return (
    <EmptyState
      missing="data"
      title="No clusters yet"
      description="This entity has no Kubernetes clusters linked to it. Request one with the new-cluster template; it appears here as soon as the management cluster reports it."
      action={<RequestClusterButton variant="empty" />}
    />
  );
}
