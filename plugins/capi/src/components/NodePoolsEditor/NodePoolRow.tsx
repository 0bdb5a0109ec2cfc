import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import DeleteIcon from '@material-ui/icons/Delete';
import {
  MachineSizeSelect,
  type MachineSizeOption,
} from '../MachineSize/MachineSizeSelect';
import { LabelPlacement } from './LabelPlacement';
import type { PoolField, PoolProblem } from './poolFieldProblems';
import type { NodePoolFormValue } from './nodePoolFormValue';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1, 2),
    padding: theme.spacing(1, 2),
    marginBottom: theme.spacing(1),
  },
  full: { flexBasis: '100%' },
  narrow: { width: 96 },
  // Profile size titles can be long ("Small (2 vCPU, 8 GiB)").
  size: { minWidth: 220, maxWidth: 320 },
  labels: { flex: 1, minWidth: 200 },
}));

export interface NodePoolRowProps {
  pool: NodePoolFormValue;
  index: number;
  sizes: readonly MachineSizeOption[];
  /** False when the profile runs no cluster autoscaler. */
  autoscaler: boolean;
  disabled?: boolean;
  problems: PoolProblem[];
  labelsText: string;
  onUpdate: (patch: Partial<NodePoolFormValue>) => void;
  onLabels: (text: string) => void;
  onRemove: () => void;
}

/**
 * One node pool of the editor. Each problem is a sentence under the row's
 * inputs, once, and the inputs it is about are marked and described by it.
 */
export function NodePoolRow(props: NodePoolRowProps) {
  const { pool, index, sizes, disabled, problems, onUpdate } = props;
  const classes = useStyles();
  const id = (what: string) => `capi-pool-${index}-${what}`;
  const problemId = (k: number) => id(`problem-${k}`);
  const about = (field: PoolField) =>
    problems
      .map((p, k) => (p.fields.includes(field) ? problemId(k) : undefined))
      .filter((x): x is string => !!x);
  const marked = (field: PoolField) => ({
    error: about(field).length > 0,
    inputProps: {
      'aria-describedby': about(field).join(' ') || undefined,
    },
  });
  const number = (text: string) => (text === '' ? undefined : Number(text));
  /** An autoscaling bound's input. */
  const bound = (which: 'min' | 'max', label: string) => (
    <TextField
      id={id(which)}
      label={label}
      type="number"
      size="small"
      className={classes.narrow}
      value={pool.autoscaling?.[which] ?? ''}
      disabled={disabled}
      onChange={e =>
        onUpdate({
          autoscaling: {
            ...pool.autoscaling!,
            [which]: number(e.target.value) as number,
          },
        })
      }
      {...marked(which)}
    />
  );

  return (
    <Paper
      variant="outlined"
      className={classes.row}
      role="group"
      aria-label={`Node pool ${index + 1}`}
    >
      <Typography
        variant="caption"
        color="textSecondary"
        className={classes.full}
      >
        Node pool {index + 1}
      </Typography>
      <TextField
        id={id('name')}
        label="Name"
        size="small"
        // Always controlled: a row that starts as `{}` must still shrink its label once filled.
        value={pool.name ?? ''}
        disabled={disabled}
        onChange={e => onUpdate({ name: e.target.value })}
        {...marked('name')}
      />
      <MachineSizeSelect
        id={id('size')}
        label="Size"
        size="small"
        className={classes.size}
        value={pool.size}
        sizes={sizes}
        disabled={disabled}
        error={marked('size').error}
        describedBy={marked('size').inputProps['aria-describedby']}
        onChange={size => onUpdate({ size })}
      />
      <TextField
        id={id('replicas')}
        label="Replicas"
        type="number"
        size="small"
        className={classes.narrow}
        value={pool.autoscaling ? '' : pool.replicas ?? ''}
        // With autoscaling on, the autoscaler sets the count.
        disabled={disabled || !!pool.autoscaling}
        placeholder={pool.autoscaling ? 'autoscaled' : undefined}
        InputLabelProps={pool.autoscaling ? { shrink: true } : undefined}
        onChange={e => onUpdate({ replicas: number(e.target.value) })}
        {...marked('replicas')}
        inputProps={{ ...marked('replicas').inputProps, min: 0 }}
      />
      {props.autoscaler && (
        <>
          <FormControlLabel
            control={
              <Checkbox
                color="primary"
                checked={!!pool.autoscaling}
                disabled={disabled}
                onChange={e =>
                  onUpdate({
                    autoscaling: e.target.checked
                      ? {
                          min: pool.replicas ?? 1,
                          max: Math.max(pool.replicas ?? 1, 3),
                        }
                      : undefined,
                    // One source of the count: the bounds, or replicas.
                    replicas: e.target.checked
                      ? undefined
                      : pool.autoscaling?.min ?? pool.replicas ?? 1,
                  })
                }
              />
            }
            label="Autoscaling"
          />
          {pool.autoscaling && (
            <>
              {bound('min', 'Min')}
              {bound('max', 'Max')}
            </>
          )}
        </>
      )}
      <TextField
        id={id('labels')}
        label="Labels"
        placeholder="key=value, key=value"
        size="small"
        className={classes.labels}
        value={props.labelsText}
        disabled={disabled}
        onChange={e => props.onLabels(e.target.value)}
        {...marked('labels')}
      />
      <LabelPlacement poolName={pool.name} labels={pool.labels} />
      <IconButton
        aria-label={`Remove node pool ${pool.name || index + 1}`}
        disabled={disabled}
        onClick={props.onRemove}
      >
        <DeleteIcon />
      </IconButton>
      {problems.length > 0 && (
        <Box className={classes.full} aria-live="polite">
          {problems.map((p, k) => (
            <Typography
              key={p.text}
              id={problemId(k)}
              variant="body2"
              color="error"
            >
              {p.text}
            </Typography>
          ))}
        </Box>
      )}
    </Paper>
  );
}
