import { KubeObject } from '../types';
import { admit } from './Admission';
import {
  CLUSTER,
  reader,
  refusal,
  topologyCluster,
} from './__testUtils__/admissionRequests';

describe('admission: other Cluster rules', () => {
  const r = reader();
  it('refuses removing the topology or the references, and adding a class later', () => {
    const old = topologyCluster('v1.33.4');
    const bare = { ...old, spec: {} } as KubeObject;
    const error = refusal(() =>
      admit(CLUSTER, { object: bare, oldObject: old, reader: r }),
    );
    expect(error.message).toContain(
      'spec.infrastructureRef: Forbidden: cannot be removed',
    );
    expect(error.message).toContain(
      'spec.controlPlaneRef: Forbidden: cannot be removed',
    );
    expect(error.message).toContain(
      'spec: Forbidden: one of spec.controlPlaneRef, spec.infrastructureRef or spec.topology must be set',
    );
    expect(error.message).toContain(
      'spec.topology: Forbidden: cannot be removed from an existing Cluster',
    );
    const classic = {
      ...old,
      spec: { ...old.spec, topology: undefined },
    } as KubeObject;
    expect(
      refusal(() =>
        admit(CLUSTER, { object: old, oldObject: classic, reader: r }),
      ).message,
    ).toContain(
      'spec.topology.class: Forbidden: classRef cannot be set on an existing Cluster',
    );
  });

  it('refuses bad CIDR blocks, versions, classes and names on create', () => {
    const object = topologyCluster('1.33.4');
    object.spec!.clusterNetwork = {
      pods: { cidrBlocks: ['192.168.0.0/16', '10.0.0.0/33'] },
      services: { cidrBlocks: ['fd00::/200', 'not-a-cidr'] },
    };
    const error = refusal(() => admit(CLUSTER, { object, reader: r }));
    for (const expected of [
      'spec.clusterNetwork.pods.cidrBlocks[1]: Invalid value: "10.0.0.0/33": invalid CIDR address: 10.0.0.0/33',
      'spec.clusterNetwork.services.cidrBlocks[0]',
      'spec.clusterNetwork.services.cidrBlocks[1]',
      'spec.topology.version: Invalid value: "1.33.4": must start with v',
    ]) {
      expect(error.message).toContain(expected);
    }
    expect(error.message).not.toContain('cidrBlocks[0]: Invalid value: "192');

    const noClass = topologyCluster('v1.33.4', { classRef: { name: '' } });
    expect(
      refusal(() => admit(CLUSTER, { object: noClass, reader: r })).message,
    ).toContain(
      'spec.topology.class: Required value: classRef.name cannot be empty',
    );
    const long = topologyCluster('v1.33.4');
    long.metadata.name = 'c'.repeat(64);
    expect(
      refusal(() => admit(CLUSTER, { object: long, reader: r })).message,
    ).toContain(
      'must be a valid label value must be no more than 63 characters',
    );
    const concurrency = topologyCluster('v1.33.4');
    concurrency.metadata.annotations = {
      'topology.cluster.x-k8s.io/upgrade-concurrency': '0',
    };
    expect(
      refusal(() => admit(CLUSTER, { object: concurrency, reader: r })).message,
    ).toContain('value cannot be less than 1');
    expect(() =>
      admit(CLUSTER, { object: topologyCluster('v1.33.4'), reader: r }),
    ).not.toThrow();
  });
});
