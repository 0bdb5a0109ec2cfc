import { Utf8LineSplitter } from './lineStream';

const text =
  '{"type":"ADDED","object":{"name":"Zürich-ümlaut"}}\n{"type":"MODIFIED","object":{"note":"日本語 🚀 ok"}}\n';

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    chunks.push(bytes.subarray(from, cut));
    from = cut;
  }
  return chunks;
}

function readAll(chunks: Uint8Array[]): string[] {
  const splitter = new Utf8LineSplitter();
  return [...chunks.flatMap(c => splitter.push(c)), ...splitter.end()];
}

describe('Utf8LineSplitter', () => {
  const bytes = new TextEncoder().encode(text);
  const expected = text.trim().split('\n');

  it('keeps every line intact for a cut at every byte position', () => {
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(readAll(splitAt(bytes, [cut]))).toEqual(expected);
    }
  });

  it('keeps characters intact when every byte arrives alone', () => {
    const lines = readAll(
      Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)),
    );
    expect(lines).toEqual(expected);
    expect(lines.map(l => JSON.parse(l))[1].object.note).toBe('日本語 🚀 ok');
  });

  it('cuts inside a four-byte character and between lines', () => {
    const rocket = bytes.indexOf(0xf0);
    const newline = bytes.indexOf(0x0a);
    const chunks = splitAt(bytes, [
      newline,
      newline + 1,
      rocket + 1,
      rocket + 3,
    ]);
    expect(readAll(chunks)).toEqual(expected);
    expect(readAll(chunks).join('')).not.toContain('\ufffd');
  });

  it('returns a last line without a newline at the end, and CRLF lines clean', () => {
    const splitter = new Utf8LineSplitter();
    expect(splitter.push('a\r\nb')).toEqual(['a']);
    expect(splitter.pendingLength).toBe(1);
    expect(splitter.end()).toEqual(['b']);
    expect(splitter.end()).toEqual([]);
  });
});
