import { forbidden, invalid, required, FieldError } from './fieldErrors';
import {
  compareKubeVersions,
  parseKubeVersion,
  versionFieldErrors,
} from './kubeVersions';
import { field, Json, ValidatingWebhook } from './types';

/**
 * CAPI v1.14 `controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go`:
 * `validateKubeadmControlPlaneSpec` on create and update (replicas required and above 0,
 * odd unless etcd is external, the machine template's infrastructure reference complete,
 * version `v` + semver) and `validateVersion` on update (at most one minor version up).
 * The update allow-list of mutable kubeadm fields is not modelled.
 */
export const kubeadmControlPlaneWebhook: ValidatingWebhook = {
  name: 'validation.kubeadmcontrolplane.controlplane.cluster.x-k8s.io',
  validate({ object, oldObject }) {
    const errors: FieldError[] = [];
    const spec = (object.spec ?? {}) as Json;
    const replicas = spec.replicas;
    if (replicas === undefined || replicas === null) {
      errors.push(required('spec.replicas', 'is required'));
    } else if (typeof replicas === 'number' && replicas <= 0) {
      errors.push(
        forbidden('spec.replicas', 'cannot be less than or equal to 0'),
      );
    }
    const externalEtcd = field(
      spec,
      'kubeadmConfigSpec',
      'clusterConfiguration',
      'etcd',
      'external',
    );
    if (!externalEtcd && typeof replicas === 'number' && replicas % 2 === 0) {
      errors.push(
        forbidden(
          'spec.replicas',
          'cannot be an even number when etcd is stacked',
        ),
      );
    }
    const infra = (field(
      spec,
      'machineTemplate',
      'spec',
      'infrastructureRef',
    ) ?? {}) as Json;
    for (const key of ['apiGroup', 'kind', 'name'] as const) {
      if (!infra[key]) {
        errors.push(
          invalid(
            `spec.machineTemplate.infrastructure.${key}`,
            infra[key] ?? '',
            'cannot be empty',
          ),
        );
      }
    }
    for (const problem of versionFieldErrors(spec.version)) {
      errors.push(invalid('spec.version', spec.version, problem));
    }
    if (oldObject) {
      const previous = field(oldObject, 'spec', 'version');
      const from = parseKubeVersion(previous);
      const to = parseKubeVersion(spec.version);
      if (from && to) {
        const ceiling = {
          major: from.major,
          minor: from.minor + 2,
          patch: 0,
          text: '',
        };
        if (compareKubeVersions(to, ceiling) >= 0) {
          errors.push(
            forbidden(
              'spec.version',
              `cannot update Kubernetes version from ${previous} to ${spec.version}`,
            ),
          );
        }
      }
    }
    return errors;
  },
};
