import { KubernetesApiError } from '../kubernetes/KubernetesClient';

/** Network and TLS error codes, with what they mean for a user. */
const KNOWN_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'timed out',
  ESOCKETTIMEDOUT: 'timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  EPIPE: 'connection closed',
  ENOENT: 'credentials file not found',
  EACCES: 'credentials file not readable',
  CERT_HAS_EXPIRED: 'server certificate expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'server certificate not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'server certificate not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'server certificate not trusted',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'server certificate not trusted',
  ERR_TLS_CERT_ALTNAME_INVALID: 'server certificate does not match the host',
};

const HTTP_MEANING: Record<number, string> = {
  401: 'credentials rejected',
  403: 'access denied',
  404: 'API not found',
  429: 'rate limited',
};

function codeOf(error: unknown): string | undefined {
  const own = (error as { code?: unknown })?.code;
  if (typeof own === 'string' && own in KNOWN_CODES) return own;
  const cause = (error as { cause?: { code?: unknown } })?.cause?.code;
  if (typeof cause === 'string' && cause in KNOWN_CODES) return cause;
  const message = error instanceof Error ? error.message : String(error);
  return Object.keys(KNOWN_CODES).find(code =>
    new RegExp(`\\b${code}\\b`).test(message),
  );
}

/**
 * A short reason for a failed management cluster call that is safe to show
 * to every viewer: an HTTP status or a network error code and what it
 * means, never the API server's or the kubeconfig loader's own text (which
 * can hold host names, paths, user names or token fragments). The full
 * error belongs in the backend log.
 *
 * @public
 */
export function connectionErrorReason(error: unknown): string {
  if (error instanceof KubernetesApiError && error.status !== undefined) {
    const meaning =
      HTTP_MEANING[error.status] ??
      (error.status >= 500 ? 'API server error' : 'request refused');
    return `HTTP ${error.status} (${meaning})`;
  }
  const code = codeOf(error);
  if (code) return `${KNOWN_CODES[code]} (${code})`;
  const message = error instanceof Error ? error.message : String(error);
  if (/timed out/i.test(message)) return 'timed out';
  if (error instanceof KubernetesApiError) {
    return 'invalid or interrupted response from the API server';
  }
  return 'connection failed (details in the backend log)';
}
