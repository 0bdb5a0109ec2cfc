import {
  normaliseCidrBlock,
  parseCidrBlock,
  validateClusterNetwork,
} from './clusterNetwork';

describe('validateClusterNetwork', () => {
  it('refuses two IPv4 pod blocks with one error naming the field', () => {
    const problems = validateClusterNetwork({
      podCidrs: ['192.168.0.0/20', '192.168.64.0/18'],
    });
    expect(problems).toEqual([
      'Pod networks (podCidrs): 192.168.0.0/20 and 192.168.64.0/18 are both IPv4; Kubernetes takes at most one block per IP family (two only as an IPv4 + IPv6 pair for dual stack)',
    ]);
  });

  it('applies the same rule to service blocks and to IPv6', () => {
    expect(
      validateClusterNetwork({
        serviceCidrs: ['10.96.0.0/16', '10.128.0.0/16'],
      }),
    ).toEqual([
      expect.stringMatching(/^Service networks \(serviceCidrs\): .* both IPv4/),
    ]);
    expect(
      validateClusterNetwork({
        podCidrs: ['fd00:10:244::/56', 'fd00:20:244::/56'],
      }),
    ).toEqual([
      expect.stringMatching(/^Pod networks \(podCidrs\): .* both IPv6/),
    ]);
  });

  it('refuses three blocks even when both families are present', () => {
    expect(
      validateClusterNetwork({
        podCidrs: ['10.0.0.0/16', 'fd00::/56', '10.1.0.0/16'],
      }),
    ).toEqual([
      expect.stringMatching(
        /are 3 blocks; Kubernetes takes one block, or one IPv4 and one IPv6/,
      ),
    ]);
  });

  it('accepts one block per list and an IPv4 + IPv6 dual-stack pair', () => {
    expect(
      validateClusterNetwork({
        podCidrs: ['192.168.0.0/16', 'fd00:10:244::/56'],
        serviceCidrs: ['10.96.0.0/12', 'fd00:10:96::/112'],
      }),
    ).toEqual([]);
    expect(validateClusterNetwork({ podCidrs: ['192.168.0.0/20'] })).toEqual(
      [],
    );
    expect(validateClusterNetwork({})).toEqual([]);
  });

  it('finds overlaps in IPv6 as in IPv4, never across families', () => {
    expect(
      validateClusterNetwork({
        podCidrs: ['fd00:10::/48'],
        serviceCidrs: ['fd00:10:0:1::/112'],
      }),
    ).toEqual([
      'pod CIDR fd00:10::/48 overlaps service CIDR fd00:10:0:1::/112',
    ]);
    expect(
      validateClusterNetwork({
        podCidrs: ['10.0.0.0/8'],
        serviceCidrs: ['10.96.0.0/12'],
      }),
    ).toEqual(['pod CIDR 10.0.0.0/8 overlaps service CIDR 10.96.0.0/12']);
  });

  it('refuses hostile and malformed blocks', () => {
    for (const value of [
      '10.0.0.1/8',
      '300.0.0.0/8',
      '10.0.0.0/33',
      'fd00::1/64',
      'fd00::/129',
      'fe80::%eth0/64',
      '0x0a.0.0.0/8',
      '10.0.0.0',
      '10.0.0.0/8\n- evil',
      '',
    ]) {
      expect(validateClusterNetwork({ podCidrs: [value] })).toEqual([
        expect.stringContaining('is not a valid CIDR block'),
      ]);
    }
  });
});

describe('parseCidrBlock and normaliseCidrBlock', () => {
  it('prints blocks canonically in both families', () => {
    expect(parseCidrBlock(' 010.001.0.0/16')).toEqual({
      family: 'IPv4',
      canonical: '10.1.0.0/16',
      prefix: 16,
    });
    expect(normaliseCidrBlock('FD00:0010:0244:0000::/56')).toBe(
      'fd00:10:244::/56',
    );
    expect(() => normaliseCidrBlock('nonsense')).toThrow(TypeError);
  });
});
