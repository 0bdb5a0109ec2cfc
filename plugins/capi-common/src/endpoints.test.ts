import { apiServerUrlFromEndpoint, controlPlaneEndpointUrl } from './endpoints';

describe('controlPlaneEndpointUrl', () => {
  it('brackets an IPv6 host', () => {
    expect(controlPlaneEndpointUrl('fd01:0:106:b:0:a:cccc:fe9a', 6443)).toBe(
      'https://[fd01:0:106:b:0:a:cccc:fe9a]:6443',
    );
    expect(controlPlaneEndpointUrl('::1', 6443)).toBe('https://[::1]:6443');
    expect(controlPlaneEndpointUrl('[fd01::1]', 6443)).toBe(
      'https://[fd01::1]:6443',
    );
  });

  it('keeps names and IPv4 hosts as they are', () => {
    expect(controlPlaneEndpointUrl('api.k8s.example.com', 6443)).toBe(
      'https://api.k8s.example.com:6443',
    );
    expect(controlPlaneEndpointUrl('10.0.0.10', 6443)).toBe(
      'https://10.0.0.10:6443',
    );
    expect(controlPlaneEndpointUrl('10.0.0.10')).toBe('https://10.0.0.10');
  });

  it('answers nothing for hosts that are not hosts and unknown ports', () => {
    for (const [host, port] of [
      ['', 6443],
      [undefined, 6443],
      ['evil.example.com/steal', 6443],
      ['user@evil.example.com', 6443],
      ['a b', 6443],
      ['fe80::1%eth0', 6443],
      ['api.example.com', 0],
      ['api.example.com', 70000],
    ] as const) {
      expect(controlPlaneEndpointUrl(host, port)).toBeUndefined();
    }
  });
});

describe('apiServerUrlFromEndpoint', () => {
  it('reads every form an endpoint arrives in', () => {
    expect(
      apiServerUrlFromEndpoint('https://[fd01:0:106:b:0:a:cccc:fe9a]:6443'),
    ).toBe('https://[fd01:0:106:b:0:a:cccc:fe9a]:6443');
    expect(
      apiServerUrlFromEndpoint('https://fd01:0:106:b:0:a:cccc:fe9a:6443'),
    ).toBe('https://[fd01:0:106:b:0:a:cccc:fe9a]:6443');
    expect(apiServerUrlFromEndpoint('fd01:0:106:b:0:a:cccc:fe9a')).toBe(
      'https://[fd01:0:106:b:0:a:cccc:fe9a]',
    );
    expect(apiServerUrlFromEndpoint('[fd01::1]:6443')).toBe(
      'https://[fd01::1]:6443',
    );
    expect(apiServerUrlFromEndpoint('api.example.com:6443')).toBe(
      'https://api.example.com:6443',
    );
    expect(apiServerUrlFromEndpoint('https://10.0.0.10:6443/')).toBe(
      'https://10.0.0.10:6443',
    );
  });

  it('refuses other schemes, credentials, paths and unknown ports', () => {
    for (const endpoint of [
      'http://api.example.com:6443',
      'https://user:pw@api.example.com:6443',
      'https://api.example.com:6443/extra',
      'https://api.example.com:0',
      'https://fd01:zz::1:6443',
      ['javascript', 'alert(1)'].join(':'),
      '',
    ]) {
      expect(apiServerUrlFromEndpoint(endpoint)).toBeUndefined();
    }
  });
});
