import { mockCredentials } from '@backstage/backend-test-utils';
import WebSocket from 'ws';

/** A browser's signal connection to one replica: what it received, per channel. */
export interface SignalSubscriber {
  received: Array<{ channel: string; at: number }>;
  close(): void;
}

/**
 * Connects to a replica's `/api/signals` WebSocket as a signed-in user and
 * subscribes to the channels, as the signals frontend plugin does.
 */
export async function subscribeToSignals(
  baseUrl: string,
  channels: string[],
): Promise<SignalSubscriber> {
  const socket = new WebSocket(
    `${baseUrl.replace(/^http/, 'ws')}/api/signals`,
    {
      headers: {
        authorization: mockCredentials.user.header('user:default/bench'),
      },
    },
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) =>
      reject(new Error(`signals WebSocket refused: HTTP ${res.statusCode}`)),
    );
  });
  const received: SignalSubscriber['received'] = [];
  socket.on('message', data => {
    const message = JSON.parse(String(data)) as { channel?: string };
    if (message.channel) {
      received.push({ channel: message.channel, at: Date.now() });
    }
  });
  for (const channel of channels) {
    socket.send(JSON.stringify({ action: 'subscribe', channel }));
  }
  return { received, close: () => socket.close() };
}
