import { LinkButton } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  CAPI_TEMPLATES,
  newClusterFormData,
  templateLink,
} from '../../templateLinks';

/**
 * The new-cluster template, pre-filled with what the entity says: the
 * entity the cluster is for and its owner.
 */
export function RequestClusterButton(props: { variant: 'empty' | 'more' }) {
  const { entity } = useEntity();
  const empty = props.variant === 'empty';
  return (
    <LinkButton
      to={templateLink(CAPI_TEMPLATES.newCluster, newClusterFormData(entity))}
      variant={empty ? 'contained' : 'outlined'}
      color="primary"
      size={empty ? 'medium' : 'small'}
    >
      Request a cluster
    </LinkButton>
  );
}
