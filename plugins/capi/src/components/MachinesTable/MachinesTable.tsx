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
import {
  PATCH_STATE_LABELS,
  type MachineSummary,
  type PatchStateName,
} from '@capstan/plugin-capi-common';
import { formatRelative, formatTimestamp } from '../../time';
import { useFitWidth } from '../../hooks/useFitWidth';
import { BreakableName } from '../BreakableName/BreakableName';

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
  // Long generated node names wrap after a "-" or "." (BreakableName)
  // instead of widening the table, never inside a part.
  node: { minWidth: 180, maxWidth: 280, wordBreak: 'normal' },
  muted: { color: theme.palette.text.secondary },
  // Status components render body1 text; match the table's body2.
  status: { '& > span': { fontSize: theme.typography.body2.fontSize } },
  warning: { color: theme.palette.warning.main, fontWeight: 600 },
  // Folded columns: values beneath each other, OS names may wrap.
  folded: {
    '& tbody td': { whiteSpace: 'normal' },
    '& $node': { minWidth: 120 },
  },
  detail: { color: theme.palette.text.secondary },
}));

/** Below these widths (px) the table folds columns into others. */
const FIT = { medium: 1050, narrow: 560 };

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

/** Last patched, pending security updates and reboot, beneath the patch state. */
function FoldedPatchDetails(props: { machine: MachineSummary }) {
  const { patch } = props.machine;
  const classes = useStyles();
  return (
    <>
      <div className={classes.detail}>
        patched <Time iso={patch.lastPatched} />
      </div>
      {patch.pendingSecurityUpdates !== undefined && (
        <div className={classes.detail}>
          {patch.pendingSecurityUpdates} security updates
        </div>
      )}
      {patch.rebootRequired && (
        <div className={classes.warning}>reboot required</div>
      )}
    </>
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
  const [ref, fit] = useFitWidth(FIT);
  // Medium: pool and phase go beneath the node, the patch details beneath
  // its state. Narrow (a phone): kubelet and OS beneath the node too.
  const wide = fit === 'wide';
  const showOs = fit !== 'narrow';
  return (
    <div className={classes.scroll} ref={ref}>
      <Table
        size="small"
        className={`${classes.table} ${wide ? '' : classes.folded}`}
        aria-label={`Machines of ${props.clusterName}`}
      >
        <TableHead>
          <TableRow>
            <TableCell>Node</TableCell>
            {wide && <TableCell>Pool</TableCell>}
            {wide && <TableCell>Phase</TableCell>}
            {showOs && <TableCell>Kubelet</TableCell>}
            {showOs && <TableCell>OS image / kernel</TableCell>}
            <TableCell>Patch state</TableCell>
            {wide && <TableCell>Last patched</TableCell>}
            {wide && (
              <TableCell title="Pending security updates">
                Security updates
              </TableCell>
            )}
            {wide && <TableCell>Reboot required</TableCell>}
            {showOs && <TableCell>Certificates expire</TableCell>}
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
                  <BreakableName name={m.nodeName ?? m.name} />
                  {!wide && (
                    <div className={classes.detail}>
                      {m.pool} · {m.phase}
                      {!showOs &&
                        ` · ${m.kubeletVersion ?? m.version ?? 'not reported'}`}
                    </div>
                  )}
                </TableCell>
                {wide && <TableCell>{m.pool}</TableCell>}
                {wide && <TableCell>{m.phase}</TableCell>}
                {showOs && (
                  <TableCell>
                    {m.kubeletVersion ?? m.version ?? <NotReported />}
                  </TableCell>
                )}
                {showOs && (
                  <TableCell>
                    {m.osImage ?? <NotReported />}
                    {m.kernelVersion && (
                      <div className={classes.muted}>{m.kernelVersion}</div>
                    )}
                  </TableCell>
                )}
                <TableCell className={classes.status}>
                  <PatchIcon>{PATCH_STATE_LABELS[m.patch.state]}</PatchIcon>
                  {(m.patch.state === 'overdue' ||
                    m.patch.state === 'pending') &&
                    m.patch.dueBy && (
                      <div className={classes.muted}>
                        due {formatRelative(m.patch.dueBy)}
                      </div>
                    )}
                  {!wide && <FoldedPatchDetails machine={m} />}
                  {!showOs && m.certificatesExpiryDate && (
                    <div
                      className={certSoon ? classes.warning : classes.detail}
                    >
                      certificates expire{' '}
                      <Time iso={m.certificatesExpiryDate} />
                    </div>
                  )}
                </TableCell>
                {wide && (
                  <TableCell>
                    <Time iso={m.patch.lastPatched} />
                  </TableCell>
                )}
                {wide && (
                  <TableCell>
                    {m.patch.pendingSecurityUpdates ?? <NotReported />}
                  </TableCell>
                )}
                {wide && (
                  <TableCell
                    className={
                      m.patch.rebootRequired ? classes.warning : undefined
                    }
                  >
                    {m.patch.rebootRequired ? 'yes' : 'no'}
                  </TableCell>
                )}
                {showOs && (
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
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </div>
  );
}
