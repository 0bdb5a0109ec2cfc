import type { Request, Response } from 'express';
import type { EncodedJson } from './EncodedFleetPages';

/**
 * Sends JSON that was encoded beforehand: gzipped when the client accepts
 * it (the root router's compression then leaves it as it is), else as is,
 * with the ETag worked out with the encoding (Express then skips hashing
 * the body, and still answers a matching `If-None-Match` with 304).
 */
export function sendEncodedJson(
  req: Request,
  res: Response,
  encoded: EncodedJson,
): void {
  res.type('application/json');
  res.vary('Accept-Encoding');
  const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
  const { bytes, etag } = gzip ? encoded.gzipped() : encoded.plain();
  if (gzip) res.set('Content-Encoding', 'gzip');
  res.set('ETag', etag);
  res.send(bytes);
}
