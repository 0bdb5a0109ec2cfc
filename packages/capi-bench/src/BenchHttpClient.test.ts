import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { BenchHttpClient } from './BenchHttpClient';
import { USER_AUTH } from './backends';

/** A server that echoes what it was sent; `/fail` answers 500. */
async function echoServer() {
  const seen: Array<{ method?: string; url?: string; auth?: string }> = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        auth: req.headers.authorization,
      });
      if (req.url?.endsWith('/fail')) {
        res.writeHead(500).end('{"error":"broken"}');
        return;
      }
      const body = JSON.stringify({
        method: req.method,
        sent: Buffer.concat(chunks).toString('utf8'),
        padding: 'x'.repeat(100_000),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, seen, baseUrl: `http://127.0.0.1:${port}/api/x` };
}

describe('BenchHttpClient', () => {
  it('counts the bytes of every answer and keeps a body only when asked', async () => {
    const { server, seen, baseUrl } = await echoServer();
    const client = BenchHttpClient.create(baseUrl);
    try {
      const call = client.prepare({
        method: 'POST',
        path: '/services/app',
        body: { entity: { name: 'app' } },
      });
      const counted = await call();
      expect(counted.body).toBeUndefined();
      expect(counted.bytes).toBeGreaterThan(100_000);
      const kept = await call(true);
      expect(kept.bytes).toBe(counted.bytes);
      expect(kept.body!.length).toBe(kept.bytes);
      expect(JSON.parse(kept.body!.toString('utf8'))).toMatchObject({
        method: 'POST',
        sent: '{"entity":{"name":"app"}}',
      });
      expect(seen[0]).toEqual({
        method: 'POST',
        url: '/api/x/services/app',
        auth: USER_AUTH,
      });
    } finally {
      client.close();
      server.close();
    }
  });

  it('parses a whole answer for checks, and fails on an error status without retrying', async () => {
    const { server, seen, baseUrl } = await echoServer();
    const client = BenchHttpClient.create(baseUrl);
    try {
      await expect(
        client.json({ method: 'GET', path: '/clusters?limit=1' }),
      ).resolves.toMatchObject({ method: 'GET', sent: '' });
      await expect(
        client.prepare({ method: 'GET', path: '/fail' })(),
      ).rejects.toThrow('GET /api/x/fail: HTTP 500 {"error":"broken"}');
      expect(seen.filter(s => s.url === '/api/x/fail')).toHaveLength(1);
    } finally {
      client.close();
      server.close();
    }
  });
});
