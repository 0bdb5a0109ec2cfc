/**
 * Splits a byte stream into text lines however the network cut it: a chunk
 * may end inside a multi-byte UTF-8 character or inside a line. The decoder
 * keeps the incomplete bytes (`stream: true`) and the splitter keeps the
 * incomplete line until the next chunk. Used for newline-delimited JSON
 * (Kubernetes watches) and any other line protocol Capstan reads.
 *
 * @public
 */
export class Utf8LineSplitter {
  readonly #decoder = new TextDecoder('utf-8');
  #pending = '';

  /** The complete lines in this chunk (without line ends, blank lines dropped). */
  push(chunk: Uint8Array | string): string[] {
    this.#pending +=
      typeof chunk === 'string'
        ? chunk
        : this.#decoder.decode(chunk, { stream: true });
    const lines = this.#pending.split('\n');
    this.#pending = lines.pop() ?? '';
    return lines.map(l => l.trim()).filter(Boolean);
  }

  /** The last line when the stream ended without a newline. */
  end(): string[] {
    this.#pending += this.#decoder.decode();
    const rest = this.#pending.trim();
    this.#pending = '';
    return rest ? [rest] : [];
  }

  /** Characters held back waiting for the rest of their line. */
  get pendingLength(): number {
    return this.#pending.length;
  }
}
