import useAsync from 'react-use/esm/useAsync';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { useApi } from '@backstage/core-plugin-api';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { parseClusterRef } from '@capstan/plugin-capi-common';
import { capiApiRef, describeCapiError } from '../../api';
import { siblingValue } from '../ClusterProfilePicker/profiles';
import {
  clusterNameOfRef,
  confirmationProblem,
  decommissionImpact,
  type DecommissionImpact,
} from './decommissionImpact';

/** `ui:options` of `CapiDecommissionConfirm`. */
export interface DecommissionConfirmUiOptions {
  /** Form field holding the `mc/namespace/name` ref of the cluster. */
  clusterField?: string;
}

function ImpactWarning(props: { impact: DecommissionImpact }) {
  const { impact } = props;
  const pools =
    impact.nodePools.length > 0
      ? ` and ${impact.nodePools.length} node ${
          impact.nodePools.length === 1 ? 'pool' : 'pools'
        } (${impact.nodePools.join(', ')})`
      : '';
  return (
    <Alert
      severity="error"
      role="alert"
      aria-label="What decommissioning deletes"
    >
      <AlertTitle>
        {impact.production ? 'Production cluster: ' : ''}this deletes{' '}
        {impact.cluster} for good
      </AlertTitle>
      <Typography
        variant="body2"
        component="ul"
        style={{ paddingLeft: 16, margin: 0 }}
      >
        <li>
          the cluster {impact.cluster} on {impact.place}: its control plane (
          {impact.controlPlaneMachines}{' '}
          {impact.controlPlaneMachines === 1 ? 'machine' : 'machines'}){pools},{' '}
          {impact.machines} {impact.machines === 1 ? 'machine' : 'machines'} in
          all
        </li>
        <li>
          every workload running on it, and all data on its nodes and on volumes
          that are deleted with them
        </li>
        <li>its definition in the GitOps repository (kept in Git history)</li>
      </Typography>
      {impact.production && (
        <Typography variant="body2">
          Its profile marks it as a production cluster: make sure nothing serves
          traffic from it any more.
        </Typography>
      )}
      <Typography variant="body2">This cannot be undone.</Typography>
    </Alert>
  );
}

/**
 * `CapiDecommissionConfirm`: says what decommissioning the chosen cluster
 * deletes and asks for its name, typed again.
 */
export function DecommissionConfirm(
  props: FieldExtensionComponentProps<string, DecommissionConfirmUiOptions>,
) {
  const {
    formData,
    onChange,
    uiSchema,
    formContext,
    rawErrors,
    required,
    disabled,
    idSchema,
  } = props;
  const api = useApi(capiApiRef);
  const clusterField = uiSchema?.['ui:options']?.clusterField ?? 'cluster';
  const clusterRef = siblingValue(formContext, clusterField);
  const name = clusterNameOfRef(clusterRef);
  const { value: cluster, error } = useAsync(async () => {
    if (typeof clusterRef !== 'string' || !clusterRef) return undefined;
    return api.getCluster(parseClusterRef(clusterRef));
  }, [api, clusterRef]);

  const typed = formData ?? '';
  const mismatch =
    typed !== '' ? confirmationProblem(typed, clusterRef) : undefined;
  return (
    <>
      {cluster && <ImpactWarning impact={decommissionImpact(cluster)} />}
      {error && (
        <Alert severity="warning">
          Could not load what the cluster holds: {describeCapiError(error)}.
          Decommissioning still deletes every machine of it.
        </Alert>
      )}
      <TextField
        id={idSchema?.$id ?? 'capi-decommission-confirm'}
        label={
          name ? `Type ${name} to confirm` : 'Type the cluster name to confirm'
        }
        value={typed}
        onChange={e => onChange(e.target.value)}
        required={required}
        disabled={disabled || !name}
        fullWidth
        margin="normal"
        autoComplete="off"
        error={!!mismatch || (rawErrors?.length ?? 0) > 0}
        helperText={
          mismatch ??
          (name
            ? `Decommissioning cannot be undone: type ${name} exactly.`
            : 'Choose the cluster first.')
        }
      />
    </>
  );
}

/** Refuses a confirmation that does not repeat the cluster's name, before Review. */
export const validateDecommissionConfirm: CustomFieldValidator<
  string,
  DecommissionConfirmUiOptions
> = (value, field, context) => {
  const clusterField =
    context.uiSchema?.['ui:options']?.clusterField ?? 'cluster';
  const problem = confirmationProblem(
    value,
    siblingValue(context, clusterField),
  );
  if (problem) field.addError(problem);
};
