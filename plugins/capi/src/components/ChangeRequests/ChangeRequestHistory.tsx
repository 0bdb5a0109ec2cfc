import { useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { Table, type TableColumn } from '@backstage/core-components';
import type {
  ChangeRequest,
  ChangeRequestsResponse,
} from '@capstan/plugin-capi-common';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useAsyncEntity } from '@backstage/plugin-catalog-react';
import { CAPI_SIGNAL_CHANNELS } from '@capstan/plugin-capi-common';
import { useLiveLoad } from '../../hooks/useLiveLoad';
import {
  useChangeRequestsClient,
  type ChangeRequestsClient,
} from './changeRequestsClient';
import { KIND_LABELS, shortRef, STAGE_LABELS } from './changeRequestText';
import { ChangeRequestLinks } from './ChangeRequestLinks';
import { formatTimestamp } from '../../time';

/** The history shows a cluster's last 50 requests. */
export const HISTORY_LIMIT = 50;
const PAGE_SIZE = 10;

const columns: TableColumn<ChangeRequest>[] = [
  {
    title: 'Requested',
    render: r => formatTimestamp(r.requestedAt),
  },
  { title: 'Change', render: r => KIND_LABELS[r.kind] },
  { title: 'Asked by', render: r => shortRef(r.requestedBy) },
  {
    title: 'Stage',
    render: r => (
      <>
        {STAGE_LABELS[r.stage]}
        {r.reason && (
          <Typography variant="caption" component="div">
            {r.reason}
          </Typography>
        )}
      </>
    ),
  },
  {
    title: 'Links',
    render: r => <ChangeRequestLinks request={r} />,
  },
];

/** A cluster's last 50 change requests, newest first, in pages of 10. */
export function ChangeRequestHistory(props: { clusterId: string }) {
  const client = useChangeRequestsClient();
  // Without the APIs (a bare test app) there is nothing to read or follow.
  return client ? (
    <HistoryTable clusterId={props.clusterId} client={client} />
  ) : null;
}

function HistoryTable(props: {
  clusterId: string;
  client: ChangeRequestsClient;
}) {
  const { client } = props;
  const { entity } = useAsyncEntity();
  const channel = entity
    ? CAPI_SIGNAL_CHANNELS.entity(stringifyEntityRef(entity))
    : CAPI_SIGNAL_CHANNELS.fleet;
  const [page, setPage] = useState(0);
  const { value } = useLiveLoad<ChangeRequestsResponse | undefined>(
    channel,
    async () =>
      client.history(props.clusterId, { offset: 0, limit: HISTORY_LIMIT }),
    [client, props.clusterId],
  );
  const items = value?.items ?? [];
  if (items.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No change requests recorded for this cluster yet.
      </Typography>
    );
  }
  return (
    <Table<ChangeRequest>
      title={`Last ${Math.min(items.length, HISTORY_LIMIT)} of ${
        value?.total ?? items.length
      } change requests`}
      options={{
        paging: items.length > PAGE_SIZE,
        pageSize: PAGE_SIZE,
        pageSizeOptions: [PAGE_SIZE],
        search: false,
        padding: 'dense',
        toolbar: true,
        initialPage: page,
      }}
      onPageChange={setPage}
      columns={columns}
      data={items}
    />
  );
}
