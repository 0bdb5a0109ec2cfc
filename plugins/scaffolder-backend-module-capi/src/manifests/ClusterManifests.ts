import { InputError } from '@backstage/errors';
import {
  CAPI_ANNOTATIONS,
  CLUSTER_LABELS,
  ManifestNodePool,
  NODE_POOL_ANNOTATIONS,
  parseManifestCount,
  readManifestClusterFields,
} from '@capstan/plugin-capi-common';
import {
  Document,
  isMap,
  isSeq,
  parseAllDocuments,
  YAMLMap,
  YAMLSeq,
} from 'yaml';
import { YAML_OPTIONS } from '../render/serializeManifests';
import type { KubernetesObject } from '../render/types';

/** A node pool as found in the manifests. */
export type ExistingNodePool = ManifestNodePool;

type Doc = Document.Parsed | Document;

const MD_PATH = ['spec', 'topology', 'workers', 'machineDeployments'];

/**
 * The manifests of one cluster (`cluster.yaml`), parsed so they can be
 * edited in place: every change goes through the YAML documents, so
 * comments, ordering and fields Capstan doesn't know survive a rewrite.
 */
export class ClusterManifests {
  readonly #docs: Doc[];

  static parse(text: string, fileName = 'cluster.yaml'): ClusterManifests {
    const docs = parseAllDocuments(text, { version: YAML_OPTIONS.version });
    if (!Array.isArray(docs)) {
      return new ClusterManifests([]);
    }
    const errors = docs.flatMap(d => d.errors);
    if (errors.length > 0) {
      throw new InputError(
        `${fileName} is not valid YAML: ${errors[0].message}`,
      );
    }
    const manifests = new ClusterManifests(
      docs.filter(d => d.contents !== null),
    );
    manifests.cluster(); // fails early when there is no Cluster
    return manifests;
  }

  private constructor(docs: Doc[]) {
    this.#docs = docs;
  }

  toString(): string {
    return this.#docs
      .map((doc, index) => {
        const text = doc.toString(YAML_OPTIONS);
        return index > 0 && !text.startsWith('---') ? `---\n${text}` : text;
      })
      .join('');
  }

  #find(kind: string, name?: string): Doc | undefined {
    return this.#docs.find(
      d =>
        d.get('kind') === kind &&
        (name === undefined || d.getIn(['metadata', 'name']) === name),
    );
  }

  #require(kind: string, name?: string): Doc {
    const doc = this.#find(kind, name);
    if (!doc) {
      throw new InputError(
        `The cluster's manifests have no ${kind}${
          name ? ` named "${name}"` : ''
        }`,
      );
    }
    return doc;
  }

  cluster(): Doc {
    return this.#require('Cluster');
  }

  get name(): string {
    return String(this.cluster().getIn(['metadata', 'name']));
  }

  get isTopology(): boolean {
    return this.cluster().hasIn(['spec', 'topology']);
  }

  get profileName(): string | undefined {
    const value = this.cluster().getIn([
      'metadata',
      'labels',
      CLUSTER_LABELS.profile,
    ]);
    return typeof value === 'string' ? value : undefined;
  }

  get controlPlaneName(): string | undefined {
    const value = this.cluster().getIn(['spec', 'controlPlaneRef', 'name']);
    return typeof value === 'string' ? value : undefined;
  }

  #controlPlane(): Doc {
    return this.#require('KubeadmControlPlane', this.controlPlaneName);
  }

  get kubernetesVersion(): string {
    const value = this.isTopology
      ? this.cluster().getIn(['spec', 'topology', 'version'])
      : this.#controlPlane().getIn(['spec', 'version']);
    return typeof value === 'string' ? value : '';
  }

  get controlPlaneReplicas(): number {
    const value = this.isTopology
      ? this.cluster().getIn(['spec', 'topology', 'controlPlane', 'replicas'])
      : this.#controlPlane().getIn(['spec', 'replicas']);
    return parseManifestCount(value) ?? 1;
  }

  #topologyPools(): YAMLSeq | undefined {
    const seq = this.cluster().getIn(MD_PATH, true);
    return isSeq(seq) ? seq : undefined;
  }

  /** The pools, read by the same code drift detection uses (capi-common). */
  nodePools(): ExistingNodePool[] {
    return readManifestClusterFields(this.objects())?.nodePools ?? [];
  }

  nodePool(name: string): ExistingNodePool {
    const pool = this.nodePools().find(p => p.name === name);
    if (!pool) {
      throw new InputError(
        `Cluster "${this.name}" has no node pool "${name}" (it has ${
          this.nodePools()
            .map(p => p.name)
            .join(', ') || 'none'
        })`,
      );
    }
    return pool;
  }

  /** The YAML map holding a pool: a topology entry or a MachineDeployment document. */
  #poolNode(name: string): {
    map: YAMLMap | Doc;
    metadataPath: string[];
    replicasPath: string[];
  } {
    const pool = this.nodePool(name);
    if (this.isTopology) {
      const item = this.#topologyPools()!.items.find(
        i => isMap(i) && i.get('name') === pool.objectName,
      ) as YAMLMap;
      return {
        map: item,
        metadataPath: ['metadata'],
        replicasPath: ['replicas'],
      };
    }
    const doc = this.#require('MachineDeployment', pool.objectName);
    return {
      map: doc,
      metadataPath: ['metadata'],
      replicasPath: ['spec', 'replicas'],
    };
  }

  /** Sets a fixed replica count, or hands the count to the autoscaler. */
  setScaling(
    name: string,
    scaling: { replicas?: number; autoscaling?: { min: number; max: number } },
  ): void {
    const { map, metadataPath, replicasPath } = this.#poolNode(name);
    const annotations = [...metadataPath, 'annotations'];
    if (scaling.autoscaling) {
      map.setIn(
        [...annotations, CAPI_ANNOTATIONS.autoscalerMin],
        String(scaling.autoscaling.min),
      );
      map.setIn(
        [...annotations, CAPI_ANNOTATIONS.autoscalerMax],
        String(scaling.autoscaling.max),
      );
      // The autoscaler owns the count; a value in Git would fight it.
      map.deleteIn(replicasPath);
    } else {
      map.deleteIn([...annotations, CAPI_ANNOTATIONS.autoscalerMin]);
      map.deleteIn([...annotations, CAPI_ANNOTATIONS.autoscalerMax]);
      if (scaling.replicas !== undefined) {
        map.setIn(replicasPath, scaling.replicas);
      }
    }
  }

  setPoolLabels(name: string, labels: Record<string, string>): void {
    const { map } = this.#poolNode(name);
    const path = this.isTopology
      ? ['metadata', 'labels']
      : ['spec', 'template', 'metadata', 'labels'];
    const current = (map.getIn(path) as YAMLMap | undefined)?.toJSON?.() ?? {};
    for (const key of Object.keys(current)) {
      if (key !== 'cluster.x-k8s.io/cluster-name' && !(key in labels)) {
        map.deleteIn([...path, key]);
      }
    }
    for (const [key, value] of Object.entries(labels)) {
      map.setIn([...path, key], value);
    }
  }

  /** Records the size annotation of a pool (callers change what the size means). */
  setPoolSizeAnnotation(name: string, size: string): void {
    const { map, metadataPath } = this.#poolNode(name);
    map.setIn(
      [...metadataPath, 'annotations', NODE_POOL_ANNOTATIONS.machineSize],
      size,
    );
  }

  /** Sets a variable override on a topology pool. */
  setTopologyPoolVariable(
    name: string,
    variable: string,
    value: unknown,
  ): void {
    const { map } = this.#poolNode(name);
    const overridesPath = ['variables', 'overrides'];
    const overrides = map.getIn(overridesPath, true);
    const doc = this.cluster();
    if (!isSeq(overrides)) {
      map.setIn(overridesPath, doc.createNode([{ name: variable, value }]));
      return;
    }
    const existing = overrides.items.find(
      i => isMap(i) && i.get('name') === variable,
    ) as YAMLMap | undefined;
    if (existing) {
      existing.set('value', doc.createNode(value));
    } else {
      overrides.add(doc.createNode({ name: variable, value }));
    }
  }

  addTopologyPool(entry: Record<string, unknown>): void {
    const doc = this.cluster();
    const seq = this.#topologyPools();
    if (seq) {
      seq.add(doc.createNode(entry));
    } else {
      doc.setIn(MD_PATH, doc.createNode([entry]));
    }
  }

  removeTopologyPool(name: string): void {
    const seq = this.#topologyPools();
    const index =
      seq?.items.findIndex(i => isMap(i) && i.get('name') === name) ?? -1;
    if (seq && index >= 0) {
      seq.items.splice(index, 1);
    }
  }

  setTopologyVersion(version: string): void {
    this.cluster().setIn(['spec', 'topology', 'version'], version);
  }

  /** Appends new objects as documents at the end. */
  addObjects(objects: KubernetesObject[]): void {
    for (const object of objects) {
      this.#docs.push(new Document(object, YAML_OPTIONS));
    }
  }

  removeObject(kind: string, name: string): void {
    const index = this.#docs.findIndex(
      d => d.get('kind') === kind && d.getIn(['metadata', 'name']) === name,
    );
    if (index >= 0) {
      this.#docs.splice(index, 1);
    }
  }

  getObject(kind: string, name: string): KubernetesObject | undefined {
    return this.#find(kind, name)?.toJSON() as KubernetesObject | undefined;
  }

  /** Sets a field of a document found by kind and name. */
  setField(kind: string, name: string, path: string[], value: unknown): void {
    const doc = this.#require(kind, name);
    doc.setIn(path, doc.createNode(value));
  }

  /** Copies a document (with its comments) under a new name. */
  cloneObject(kind: string, name: string, newName: string): void {
    if (this.#find(kind, newName)) {
      return;
    }
    const copy = this.#require(kind, name).clone();
    copy.setIn(['metadata', 'name'], newName);
    this.#docs.push(copy);
  }

  /** Whether any object still refers to `name` through an infrastructureRef. */
  isReferenced(kind: string, name: string): boolean {
    const refersTo = (value: unknown): boolean => {
      if (Array.isArray(value)) {
        return value.some(refersTo);
      }
      if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        return (
          (record.kind === kind && record.name === name) ||
          Object.values(record).some(refersTo)
        );
      }
      return false;
    };
    return this.#docs.some(d => refersTo(d.toJSON()));
  }

  objects(): KubernetesObject[] {
    return this.#docs.map(d => d.toJSON() as KubernetesObject);
  }

  controlPlaneDoc(): Doc {
    return this.#controlPlane();
  }
}
