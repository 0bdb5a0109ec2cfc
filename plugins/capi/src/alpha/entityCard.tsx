import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isCapiAvailable } from '../entityFilter';

/** The Clusters card on entity overview pages. */
export const entityCapiClustersCard = EntityCardBlueprint.make({
  name: 'clusters',
  params: {
    filter: isCapiAvailable,
    loader: () =>
      import(
        '../components/EntityCapiClustersCard/EntityCapiClustersCard'
      ).then(m => <m.EntityCapiClustersCard />),
  },
});
