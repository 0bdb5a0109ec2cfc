import type { ClusterClassSummary } from '@capstan/plugin-capi-common';
import {
  exposedFields,
  fieldFor,
  labelOf,
  valueOf,
  wordsOf,
} from './variableFields';

describe('labels of ClusterClass variables', () => {
  it('says a variable name in words', () => {
    expect(wordsOf('kubeProxyMode')).toBe('Kube proxy mode');
    expect(wordsOf('etcdEncryption')).toBe('Etcd encryption');
    expect(wordsOf('apiServerCIDR')).toBe('API server CIDR');
    expect(wordsOf('podCidrBlocks')).toBe('Pod CIDR blocks');
    expect(wordsOf('ntp_servers')).toBe('NTP servers');
    expect(wordsOf('HTTPProxy')).toBe('HTTP proxy');
    expect(wordsOf('region')).toBe('Region');
  });

  it("uses the schema's title when the class gives a short one, else the words", () => {
    expect(labelOf('kpm', { title: 'Service routing' })).toBe(
      'Service routing',
    );
    expect(labelOf('kubeProxyMode', { title: '  ' })).toBe('Kube proxy mode');
    expect(labelOf('kubeProxyMode', { title: 'x'.repeat(200) })).toBe(
      'Kube proxy mode',
    );
    expect(
      labelOf('kubeProxyMode', { description: 'How kube-proxy routes.' }),
    ).toBe('Kube proxy mode');
  });
});

describe('fields from ClusterClass variable schemas', () => {
  it('makes an enum a select, a boolean a checkbox, numbers and strings inputs, with the description as help', () => {
    expect(
      fieldFor('kubeProxyMode', {
        type: 'string',
        enum: ['iptables', 'ipvs'],
        description: 'How kube-proxy routes Service traffic.',
      }),
    ).toEqual({
      kind: 'select',
      name: 'kubeProxyMode',
      label: 'Kube proxy mode',
      help: 'How kube-proxy routes Service traffic.',
      options: ['iptables', 'ipvs'],
    });
    expect(
      fieldFor('etcdEncryption', { type: 'boolean', default: true }),
    ).toEqual({
      kind: 'checkbox',
      name: 'etcdEncryption',
      label: 'Etcd encryption',
      help: undefined,
      defaultValue: true,
    });
    expect(fieldFor('port', { type: 'integer' })).toMatchObject({
      kind: 'number',
      integer: true,
    });
    expect(fieldFor('dc', { type: 'string' })).toMatchObject({ kind: 'text' });
    expect(fieldFor('size', { type: 'object' })).toBeUndefined();
  });

  it("offers only exposed variables the class defines, in the profile's order", () => {
    const cc: ClusterClassSummary = {
      managementCluster: 'mc',
      namespace: 'ns',
      name: 'cc',
      variables: [
        { name: 'a', required: false, schema: { type: 'string' } },
        { name: 'b', required: false, schema: { type: 'boolean' } },
        { name: 'c', required: false, schema: { type: 'object' } },
      ],
    };
    expect(
      exposedFields(['b', 'missing', 'c', 'a'], cc).map(f => f.name),
    ).toEqual(['b', 'a']);
    expect(exposedFields(['a'], undefined)).toEqual([]);
  });

  it('types the raw input and clears empty input', () => {
    const n = fieldFor('n', { type: 'integer' })!;
    expect(valueOf(n, '42')).toBe(42);
    expect(valueOf(n, 'x')).toBeUndefined();
    expect(valueOf(n, '')).toBeUndefined();
    expect(valueOf(fieldFor('b', { type: 'boolean' })!, false)).toBe(false);
  });
});
