import { type ComponentType, type ReactNode } from 'react';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import {
  StatusAborted,
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  StatusWarning,
} from '@backstage/core-components';
import {
  explainCondition,
  type ClusterSummary,
} from '@capstan/plugin-capi-common';
import { conditionText } from './StatusHeadline';
import { formatRelative, formatTimestamp } from '../../time';

/** What the chip says for each status. */
const STATUS_LABEL: Partial<Record<ClusterChipStatus, string>> = {
  RollingOut: 'Rolling out',
};

/** Every status a chip can show: the cluster status, or `Stale`. */
export type ClusterChipStatus = ClusterSummary['status'] | 'Stale';

const STATUS_ICON: Record<
  ClusterChipStatus,
  ComponentType<{ children?: ReactNode }>
> = {
  Provisioning: StatusPending,
  Available: StatusOK,
  Upgrading: StatusRunning,
  RollingOut: StatusRunning,
  Scaling: StatusRunning,
  Degraded: StatusWarning,
  Failed: StatusError,
  Paused: StatusAborted,
  Deleting: StatusAborted,
  Unknown: StatusPending,
  Stale: StatusWarning,
};

/** Stale data trumps whatever status it last showed: the status may be out of date. */
export function chipStatus(
  cluster: Pick<ClusterSummary, 'status' | 'stale'>,
): ClusterChipStatus {
  return cluster.stale ? 'Stale' : cluster.status;
}

export function ClusterStatusChip(props: {
  cluster: Pick<
    ClusterSummary,
    'status' | 'stale' | 'staleSince' | 'headline' | 'explanation' | 'name'
  >;
}) {
  const { cluster } = props;
  const status = chipStatus(cluster);
  const Icon = STATUS_ICON[status];
  let detail = '';
  if (cluster.stale) {
    detail = `Last known status ${
      cluster.status
    }; data stale since ${formatTimestamp(
      cluster.staleSince,
    )} (${formatRelative(cluster.staleSince)})`;
  } else if (cluster.headline) {
    const explanation =
      cluster.explanation ?? explainCondition(cluster.headline);
    detail = `${explanation.title} — ${conditionText(cluster.headline)}`;
  }
  const chip = (
    <Chip
      size="small"
      variant="outlined"
      role="status"
      aria-label={`Cluster ${cluster.name} status: ${status}`}
      label={<Icon>{STATUS_LABEL[status] ?? status}</Icon>}
    />
  );
  return detail ? <Tooltip title={detail}>{chip}</Tooltip> : chip;
}
