import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isCapiAvailable } from '../entityFilter';

/** The Clusters tab on entity pages. */
export const entityCapiClustersContent = EntityContentBlueprint.make({
  name: 'clusters',
  params: {
    path: '/clusters',
    title: 'Clusters',
    group: 'deployment',
    filter: isCapiAvailable,
    loader: () =>
      import(
        '../components/EntityCapiClustersContent/EntityCapiClustersContent'
      ).then(m => <m.EntityCapiClustersContent />),
  },
});
