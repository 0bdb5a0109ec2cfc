import { isIP } from 'node:net';
import { forbidden, invalid, required, FieldError } from './fieldErrors';
import { nameAsLabelValue } from './names';
import { KubeObject } from '../types';
import { AdmissionReader, field, Json, ValidatingWebhook } from './types';
import { validateTopologyVersionUpdate } from './topologyVersionUpdate';
import {
  compareKubeVersions,
  parseKubeVersion,
  versionFieldErrors,
} from './kubeVersions';

/** CAPI's opt-outs of the class and version update checks (api/core/v1beta2/common_types.go). */
export const UNSAFE_UPDATE_CLASS_NAME_ANNOTATION =
  'unsafe.topology.cluster.x-k8s.io/disable-update-class-name-check';
export const UNSAFE_UPDATE_VERSION_ANNOTATION =
  'unsafe.topology.cluster.x-k8s.io/disable-update-version-check';
const UPGRADE_CONCURRENCY_ANNOTATION =
  'topology.cluster.x-k8s.io/upgrade-concurrency';

/** Go's `net.ParseCIDR`: an IPv4 or IPv6 address, `/`, a prefix length that fits it. */
function isCidr(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0 || !/^\d{1,3}$/.test(prefix ?? ''))
    return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

function cidrErrors(path: string, blocks: unknown): FieldError[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.flatMap((cidr, i) =>
    isCidr(cidr)
      ? []
      : [invalid(`${path}[${i}]`, cidr, `invalid CIDR address: ${cidr}`)],
  );
}

function refDefined(ref: unknown): boolean {
  return Boolean(field(ref, 'name'));
}

function classKey(cluster: Json | undefined, namespace?: string): string {
  const ref = field(cluster, 'spec', 'topology', 'classRef') as
    | Json
    | undefined;
  if (!ref?.name) return '';
  return `${ref.namespace ?? namespace ?? ''}/${ref.name}`;
}

/**
 * CAPI v1.14 `core/webhooks/admission/cluster.go` (`validate` and `validateTopology`):
 * name as a label value; `infrastructureRef` / `controlPlaneRef` / `topology` cannot be
 * removed and one of them must be set; CIDR blocks must parse; a topology needs a class
 * and a `v` + semver version; the upgrade-concurrency annotation is a number ≥ 1; on update
 * a class cannot be added to a Cluster without one, and the version may not go down, may not
 * jump two minors (unless the ClusterClass lists `kubernetesVersions` or has an upgrade-plan
 * extension), and may not change while the previous upgrade is still rolling out
 * (`validateTopologyVersionUpdate`). Variables and class compatibility are not modelled.
 */
export const clusterWebhook: ValidatingWebhook = {
  name: 'validation.cluster.cluster.x-k8s.io',
  validate({ object, oldObject, reader }) {
    const errors: FieldError[] = [];
    errors.push(...nameAsLabelValue(object.metadata.name, ' '));
    const spec = (object.spec ?? {}) as Json;
    const oldSpec = oldObject?.spec as Json | undefined;
    if (
      !refDefined(spec.infrastructureRef) &&
      refDefined(oldSpec?.infrastructureRef)
    ) {
      errors.push(forbidden('spec.infrastructureRef', 'cannot be removed'));
    }
    if (
      !refDefined(spec.controlPlaneRef) &&
      !refDefined(spec.infrastructureRef) &&
      !spec.topology
    ) {
      errors.push(
        forbidden(
          'spec',
          'one of spec.controlPlaneRef, spec.infrastructureRef or spec.topology must be set',
        ),
      );
    }
    if (
      !refDefined(spec.controlPlaneRef) &&
      refDefined(oldSpec?.controlPlaneRef)
    ) {
      errors.push(forbidden('spec.controlPlaneRef', 'cannot be removed'));
    }
    errors.push(
      ...cidrErrors(
        'spec.clusterNetwork.pods.cidrBlocks',
        field(spec, 'clusterNetwork', 'pods', 'cidrBlocks'),
      ),
      ...cidrErrors(
        'spec.clusterNetwork.services.cidrBlocks',
        field(spec, 'clusterNetwork', 'services', 'cidrBlocks'),
      ),
    );
    if (spec.topology)
      errors.push(...validateTopology(object, oldObject, reader));
    if (oldSpec?.topology && !spec.topology) {
      errors.push(
        forbidden(
          'spec.topology',
          'cannot be removed from an existing Cluster',
        ),
      );
    }
    return errors;
  },
};

function validateTopology(
  object: KubeObject,
  oldObject: KubeObject | undefined,
  reader: AdmissionReader,
): FieldError[] {
  const errors: FieldError[] = [];
  const namespace = object.metadata.namespace;
  const topology = field(object, 'spec', 'topology') as Json;
  if (!classKey(object as Json, namespace)) {
    return [required('spec.topology.class', 'classRef.name cannot be empty')];
  }
  const version = topology.version;
  for (const problem of versionFieldErrors(version)) {
    errors.push(
      invalid(
        'spec.topology.version',
        version,
        problem === 'must start with v' ? problem : `version ${problem}`,
      ),
    );
  }
  const newVersion = parseKubeVersion(version);
  const annotations = object.metadata.annotations ?? {};
  const concurrency = annotations[UPGRADE_CONCURRENCY_ANNOTATION];
  if (concurrency !== undefined) {
    const path = `metadata.annotations[${UPGRADE_CONCURRENCY_ANNOTATION}]`;
    if (!/^[+-]?\d+$/.test(concurrency)) {
      errors.push(
        invalid(
          path,
          concurrency,
          `could not parse the value of the annotation: strconv.Atoi: parsing ${JSON.stringify(
            concurrency,
          )}: invalid syntax`,
        ),
      );
    } else if (Number(concurrency) < 1) {
      errors.push(invalid(path, concurrency, 'value cannot be less than 1'));
    }
  }
  if (!oldObject) return errors;

  if (
    !field(oldObject, 'spec', 'topology') ||
    !classKey(oldObject as Json, namespace)
  ) {
    if (UNSAFE_UPDATE_CLASS_NAME_ANNOTATION in annotations) return errors;
    errors.push(
      forbidden(
        'spec.topology.class',
        'classRef cannot be set on an existing Cluster',
      ),
    );
    return errors;
  }
  const oldVersionText = field(oldObject, 'spec', 'topology', 'version');
  const oldVersion = parseKubeVersion(oldVersionText);
  if (!oldVersion) {
    errors.push(
      invalid(
        'spec.topology.version',
        oldVersionText,
        'old version must be a valid semantic version',
      ),
    );
  }
  if (UNSAFE_UPDATE_VERSION_ANNOTATION in annotations) return errors;
  if (
    !newVersion ||
    !oldVersion ||
    compareKubeVersions(newVersion, oldVersion) === 0
  ) {
    return errors;
  }
  const classRef = field(object, 'spec', 'topology', 'classRef') as Json;
  const clusterClass = reader.get(
    'clusterclasses.cluster.x-k8s.io',
    (classRef.namespace as string | undefined) ?? namespace,
    String(classRef.name),
  );
  // With no ClusterClass in the store the ceiling is checked (CAPI refuses the update outright).
  const validateCeiling =
    !(
      field(clusterClass, 'spec', 'kubernetesVersions') as unknown[] | undefined
    )?.length &&
    !field(
      clusterClass,
      'spec',
      'upgrade',
      'external',
      'generateUpgradePlanExtension',
    );
  const refusal = validateTopologyVersionUpdate({
    reader,
    oldCluster: oldObject,
    newVersion,
    oldVersion,
    validateCeiling,
  });
  if (refusal) errors.push(invalid('spec.topology.version', version, refusal));
  return errors;
}
