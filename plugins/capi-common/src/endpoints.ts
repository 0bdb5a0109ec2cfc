import ipaddr from 'ipaddr.js';

/** A bare IPv6 address (no brackets, no zone): `fd01:0:106:b:0:a:cccc:fe9a`. */
function isBareIpv6(host: string): boolean {
  return host.includes(':') && !host.includes('%') && ipaddr.IPv6.isValid(host);
}

/** The URL's origin when it is a plain `https://host[:port]` with a real host and port. */
function httpsOrigin(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  // Port 0 / empty host is CAPI's "not known yet".
  if (
    url.protocol !== 'https:' ||
    !url.hostname ||
    url.port === '0' ||
    url.username ||
    url.password ||
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search ||
    url.hash
  ) {
    return undefined;
  }
  return url.origin;
}

/**
 * The API server URL of a CAPI `controlPlaneEndpoint` (`host`, `port`): IPv6
 * hosts in brackets (`https://[fd01::fe9a]:6443`, RFC 3986), names and IPv4
 * as they are. Undefined when the host is empty or not a host (a path, user
 * info, spaces) or the port is 0 (CAPI's "not known yet").
 *
 * @public
 */
export function controlPlaneEndpointUrl(
  host: string | undefined,
  port?: number,
): string | undefined {
  const trimmed = (host ?? '').trim();
  if (!trimmed || /[\s/@?#\\]/.test(trimmed)) {
    return undefined;
  }
  if (
    port !== undefined &&
    (!Number.isInteger(port) || port < 1 || port > 65535)
  ) {
    return undefined;
  }
  const bracketed = isBareIpv6(trimmed) ? `[${trimmed}]` : trimmed;
  return httpsOrigin(`https://${bracketed}${port ? `:${port}` : ''}`);
}

/**
 * An API server URL from an endpoint as services report it: `https://host:port`,
 * `host:port`, `[v6]:port`, a bare IPv6 address, or the unbracketed
 * `https://<v6>:<port>` that older read models produced. Answers the URL's
 * origin, IPv6 in brackets; undefined when it cannot be an API server URL.
 *
 * @public
 */
export function apiServerUrlFromEndpoint(endpoint: string): string | undefined {
  const text = endpoint.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme && scheme[1].toLowerCase() !== 'https') {
    return undefined;
  }
  const authority = scheme ? text.slice(scheme[0].length) : text;
  if (!authority.startsWith('[') && authority.split(':').length > 2) {
    const hostAndPort = authority.replace(/\/$/, '');
    if (isBareIpv6(hostAndPort)) {
      return controlPlaneEndpointUrl(hostAndPort);
    }
    const lastColon = hostAndPort.lastIndexOf(':');
    const port = hostAndPort.slice(lastColon + 1);
    const host = hostAndPort.slice(0, lastColon);
    return /^\d{1,5}$/.test(port) && isBareIpv6(host)
      ? controlPlaneEndpointUrl(host, Number(port))
      : undefined;
  }
  return httpsOrigin(`https://${authority}`);
}
