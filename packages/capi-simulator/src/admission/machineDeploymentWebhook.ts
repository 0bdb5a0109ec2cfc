import { forbidden, invalid, required, FieldError } from './fieldErrors';
import { versionFieldErrors } from './kubeVersions';
import { nameAsLabelValue } from './names';
import { field, Json, ValidatingWebhook } from './types';

function selectorMatches(selector: unknown, labels: unknown): boolean {
  const matchLabels = (field(selector, 'matchLabels') ?? {}) as Json;
  const have = (labels ?? {}) as Json;
  const exprs = (field(selector, 'matchExpressions') ?? []) as Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
  return (
    Object.entries(matchLabels).every(([k, v]) => have[k] === v) &&
    exprs.every(({ key, operator, values = [] }) => {
      const value = have[key] as string | undefined;
      switch (operator) {
        case 'In':
          return value !== undefined && values.includes(value);
        case 'NotIn':
          return value === undefined || !values.includes(value);
        case 'Exists':
          return value !== undefined;
        case 'DoesNotExist':
          return value === undefined;
        default:
          return false;
      }
    })
  );
}

function selectorString(selector: unknown): string {
  return Object.entries((field(selector, 'matchLabels') ?? {}) as Json)
    .map(([k, v]) => `${k}=${v}`)
    .sort()
    .join(',');
}

function isPlainZero(value: unknown): boolean {
  return typeof value === 'number' && value === 0;
}

/**
 * CAPI v1.14 `core/webhooks/admission/machinedeployment.go` (`validate`): name as a label
 * value, bootstrap source required, template labels matching the selector, `spec.clusterName`
 * immutable and equal to `spec.template.spec.clusterName`, rolling update not both 0,
 * version `v` + semver. Upstream has no selector-immutability or replica-sign rule.
 */
export const machineDeploymentWebhook: ValidatingWebhook = {
  name: 'validation.machinedeployment.cluster.x-k8s.io',
  validate({ object, oldObject }) {
    const errors: FieldError[] = [];
    errors.push(...nameAsLabelValue(object.metadata.name, ': '));
    const spec = (object.spec ?? {}) as Json;
    const template = field(spec, 'template', 'spec') as Json | undefined;
    if (
      !field(template, 'bootstrap', 'configRef', 'name') &&
      field(template, 'bootstrap', 'dataSecretName') === undefined
    ) {
      errors.push(
        required(
          'spec.template.spec.bootstrap',
          'expected either spec.template.spec.bootstrap.dataSecretName or spec.template.spec.bootstrap.configRef to be populated',
        ),
      );
    }
    if (
      !selectorMatches(
        spec.selector,
        field(spec, 'template', 'metadata', 'labels'),
      )
    ) {
      errors.push(
        forbidden(
          'spec.template.metadata.labels',
          `must match spec.selector "${selectorString(spec.selector)}"`,
        ),
      );
    }
    if (
      oldObject &&
      field(oldObject, 'spec', 'clusterName') !== spec.clusterName
    ) {
      errors.push(forbidden('spec.clusterName', 'field is immutable'));
    }
    if (spec.clusterName !== field(template, 'clusterName')) {
      errors.push(
        invalid(
          'spec.clusterName',
          spec.clusterName,
          'spec.clusterName and spec.template.spec.clusterName must be set to the same value',
        ),
      );
    }
    const rollingUpdate = field(spec, 'rollout', 'strategy', 'rollingUpdate');
    const maxSurge = field(rollingUpdate, 'maxSurge');
    if (
      isPlainZero(maxSurge) &&
      isPlainZero(field(rollingUpdate, 'maxUnavailable'))
    ) {
      errors.push(
        invalid(
          'spec.rollout.strategy.rollingUpdate',
          String(maxSurge),
          'maxUnavailable and maxSurge cannot both be 0',
        ),
      );
    }
    const version = field(template, 'version');
    if (version !== undefined && version !== '') {
      for (const problem of versionFieldErrors(version)) {
        errors.push(invalid('spec.template.spec.version', version, problem));
      }
    }
    return errors;
  },
};

export { selectorMatches };
