import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

/** A weak ETag as Express makes it, worked out once per encoding. */
function etagOf(bytes: Buffer): string {
  const hash = createHash('sha1').update(bytes).digest('base64').slice(0, 27);
  return `W/"${bytes.length.toString(16)}-${hash}"`;
}

/** Bytes to send, with their ETag. */
export interface EncodedBytes {
  bytes: Buffer;
  etag: string;
}

/**
 * A JSON answer encoded once: its UTF-8 bytes, and their gzip made on the
 * first request that accepts it.
 *
 * @public
 */
export class EncodedJson {
  readonly body: Buffer;
  #plain?: EncodedBytes;
  #gzipped?: EncodedBytes;

  constructor(value: unknown) {
    this.body = Buffer.from(JSON.stringify(value));
  }

  plain(): EncodedBytes {
    this.#plain ??= { bytes: this.body, etag: etagOf(this.body) };
    return this.#plain;
  }

  gzipped(): EncodedBytes {
    if (!this.#gzipped) {
      const bytes = gzipSync(this.body);
      this.#gzipped = { bytes, etag: etagOf(bytes) };
    }
    return this.#gzipped;
  }
}

interface KeptPage {
  /** What else the page was built from (the management clusters' health and staleness). */
  state: string;
  encoded: EncodedJson;
}

/**
 * The fleet page as sent, kept per selection (one set of filters over one
 * snapshot of the fleet, see FleetSelections) and page, while what else it
 * shows (`state`: the management clusters' health) is the same. A change
 * to the fleet or an aged patch state makes FleetSelections answer with a
 * new selection, so a page is never served from an older fleet; the kept
 * pages of older selections go with them (weakly held).
 *
 * Why: at 50,000 clusters, encoding and compressing the page anew for every
 * request made megabytes of short-lived buffers per request (external
 * memory and large strings count against the old generation), and the
 * full collections they caused set the page's p99.
 */
export class EncodedFleetPages {
  /** Pages (offset, limit) kept per selection; more are rare (a user pages through). */
  static readonly maxPagesPerSelection = 16;
  readonly #pages = new WeakMap<object, Map<string, KeptPage>>();

  get(
    selection: object,
    page: string,
    state: string,
    build: () => unknown,
  ): EncodedJson {
    let pages = this.#pages.get(selection);
    if (!pages) {
      pages = new Map();
      this.#pages.set(selection, pages);
    }
    const kept = pages.get(page);
    if (kept && kept.state === state) return kept.encoded;
    const encoded = new EncodedJson(build());
    pages.delete(page);
    if (pages.size >= EncodedFleetPages.maxPagesPerSelection) {
      pages.delete(pages.keys().next().value!);
    }
    pages.set(page, { state, encoded });
    return encoded;
  }
}
