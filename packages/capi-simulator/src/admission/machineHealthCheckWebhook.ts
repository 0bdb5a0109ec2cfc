import { CAPI_LABELS } from '@capstan/plugin-capi-common';
import { forbidden, invalid, required, FieldError } from './fieldErrors';
import { field, Json, ValidatingWebhook } from './types';

/**
 * CAPI v1.14 `core/webhooks/admission/machinehealthcheck.go` (`validate`): a non-empty
 * selector, no cluster-name selector other than `spec.clusterName`, `spec.clusterName`
 * immutable.
 */
export const machineHealthCheckWebhook: ValidatingWebhook = {
  name: 'validation.machinehealthcheck.cluster.x-k8s.io',
  validate({ object, oldObject }) {
    const errors: FieldError[] = [];
    const spec = (object.spec ?? {}) as Json;
    const matchLabels = (field(spec, 'selector', 'matchLabels') ?? {}) as Json;
    const expressions = (field(spec, 'selector', 'matchExpressions') ??
      []) as unknown[];
    if (Object.keys(matchLabels).length === 0 && expressions.length === 0) {
      errors.push(required('spec.selector', 'selector must not be empty'));
    }
    const selected = matchLabels[CAPI_LABELS.clusterName];
    if (selected !== undefined && selected !== spec.clusterName) {
      errors.push(
        invalid(
          'spec.selector',
          spec.selector,
          'cannot specify a cluster selector other than the one specified by ClusterName',
        ),
      );
    }
    if (
      oldObject &&
      field(oldObject, 'spec', 'clusterName') !== spec.clusterName
    ) {
      errors.push(forbidden('spec.clusterName', 'field is immutable'));
    }
    return errors;
  },
};
