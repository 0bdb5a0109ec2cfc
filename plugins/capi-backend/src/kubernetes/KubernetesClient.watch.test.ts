import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubernetesClient, WatchEvent } from './KubernetesClient';

jest.setTimeout(30_000);

/** A watch server that sends its body in the given byte pieces, one write each. */
async function serveInPieces(pieces: Buffer[]) {
  const server = http.createServer(async (_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    for (const piece of pieces) {
      res.write(piece);
      // Let each piece leave as its own TCP write.
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    res.end();
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = await KubernetesClient.create({
    name: 'mc',
    title: 'mc',
    url: `http://127.0.0.1:${port}`,
    auth: { type: 'serviceAccountToken', token: 'test-token' },
    // Plain HTTP on loopback (client-node wants this flag for http: URLs).
    skipTLSVerify: true,
  });
  return {
    client,
    close: async () => {
      client.close();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

describe('KubernetesClient.watch', () => {
  it('delivers events intact when chunks end inside a character and inside a line', async () => {
    const events = [
      { type: 'ADDED', object: { metadata: { name: 'zürich-1' } } },
      {
        type: 'MODIFIED',
        object: { metadata: { name: 'x', annotations: { note: '日本語 🚀' } } },
      },
    ];
    const body = Buffer.from(
      `${events.map(e => JSON.stringify(e)).join('\n')}\n`,
      'utf8',
    );
    const umlaut = body.indexOf(Buffer.from('ü')) + 1;
    const rocket = body.indexOf(Buffer.from('🚀')) + 2;
    const midLine = body.indexOf(Buffer.from('"MODIFIED"')) + 3;
    const cuts = [umlaut, midLine, rocket];
    const pieces = [0, ...cuts].map((from, i) =>
      body.subarray(from, cuts[i] ?? body.length),
    );
    const { client, close } = await serveInPieces(pieces);
    try {
      const received: WatchEvent[] = [];
      await client.watch('/api/v1/things?watch=true', e => received.push(e), {
        signal: new AbortController().signal,
      });
      expect(received).toEqual(events);
    } finally {
      await close();
    }
  });
});
