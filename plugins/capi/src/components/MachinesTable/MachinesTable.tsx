import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import type {
  MachineSummary,
  PatchStateName,
} from '@capstan/plugin-capi-common';
import { formatRelative, formatTimestamp } from '../../time';

const useStyles = makeStyles(theme => ({
  // Last resort on narrow screens; at 1440 px the table fits without it.
  scroll: { overflowX: 'auto' },
  table: {
    '& th, & td': {
      padding: theme.spacing(0.75, 1),
      // Break only where a word allows it: "Kubelet", "v1.32.6" stay whole.
      wordBreak: 'normal',
      overflowWrap: 'normal',
    },
    // Values (phases, versions, times) never break mid-word.
    '& tbody td': { whiteSpace: 'nowrap' },
    '& thead th': { verticalAlign: 'bottom' },
  },
  // Long generated node names wrap at their hyphens instead of widening the table.
  node: { minWidth: 180, maxWidth: 280, wordBreak: 'normal' },
  muted: { color: theme.palette.text.secondary },
  // Status components render body1 text; match the table's body2.
  status: { '& > span': { fontSize: theme.typography.body2.fontSize } },
  warning: { color: theme.palette.warning.main, fontWeight: 600 },
}));

const PATCH_ICON: Record<PatchStateName, typeof StatusOK> = {
  'up-to-date': StatusOK,
  pending: StatusPending,
  overdue: StatusError,
  unknown: StatusWarning,
};

/** A value the machine has not reported (yet), e.g. before its node joined. */
function NotReported() {
  return <span title="Not reported yet">—</span>;
}

function Time(props: { iso?: string }) {
  if (!props.iso) return <NotReported />;
  return (
    <Tooltip title={formatTimestamp(props.iso)}>
      <span>{formatRelative(props.iso)}</span>
    </Tooltip>
  );
}

/** Certificates expiring within 30 days deserve attention. */
const CERT_WARNING_MS = 30 * 24 * 3600_000;

export function MachinesTable(props: {
  clusterName: string;
  machines: MachineSummary[];
}) {
  const classes = useStyles();
  const now = Date.now();
  return (
    <div className={classes.scroll}>
      <Table
        size="small"
        className={classes.table}
        aria-label={`Machines of ${props.clusterName}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Node</TableCell>
            <TableCell>Pool</TableCell>
            <TableCell>Phase</TableCell>
            <TableCell>Kubelet</TableCell>
            <TableCell>OS image / kernel</TableCell>
            <TableCell>Patch state</TableCell>
            <TableCell>Last patched</TableCell>
            <TableCell title="Pending security updates">
              Security updates
            </TableCell>
            <TableCell>Reboot required</TableCell>
            <TableCell>Certificates expire</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {props.machines.map(m => {
            const PatchIcon = PATCH_ICON[m.patch.state];
            const certSoon =
              m.certificatesExpiryDate &&
              Date.parse(m.certificatesExpiryDate) - now < CERT_WARNING_MS;
            return (
              <TableRow key={m.name}>
                <TableCell component="th" scope="row" className={classes.node}>
                  {m.nodeName ?? m.name}
                </TableCell>
                <TableCell>{m.pool}</TableCell>
                <TableCell>{m.phase}</TableCell>
                <TableCell>
                  {m.kubeletVersion ?? m.version ?? <NotReported />}
                </TableCell>
                <TableCell>
                  {m.osImage ?? <NotReported />}
                  {m.kernelVersion && (
                    <div className={classes.muted}>{m.kernelVersion}</div>
                  )}
                </TableCell>
                <TableCell className={classes.status}>
                  <PatchIcon>{m.patch.state}</PatchIcon>
                  {(m.patch.state === 'overdue' ||
                    m.patch.state === 'pending') &&
                    m.patch.dueBy && (
                      <div className={classes.muted}>
                        due {formatRelative(m.patch.dueBy)}
                      </div>
                    )}
                </TableCell>
                <TableCell>
                  <Time iso={m.patch.lastPatched} />
                </TableCell>
                <TableCell>
                  {m.patch.pendingSecurityUpdates ?? <NotReported />}
                </TableCell>
                <TableCell
                  className={
                    m.patch.rebootRequired ? classes.warning : undefined
                  }
                >
                  {m.patch.rebootRequired ? 'yes' : 'no'}
                </TableCell>
                <TableCell className={certSoon ? classes.warning : undefined}>
                  {!m.certificatesExpiryDate && !m.controlPlane ? (
                    // CAPI tracks certificate expiry on control plane machines only.
                    <span title="Only control plane machines report certificate expiry">
                      n/a
                    </span>
                  ) : (
                    <Time iso={m.certificatesExpiryDate} />
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
