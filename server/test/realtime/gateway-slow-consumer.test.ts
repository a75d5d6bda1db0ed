import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { transactionWithEvents } from '../../src/modules/events/publish.js';
import { registerUser } from '../helpers/factories.js';
import { sleep, startGateway, TestSocket, type Gateway } from './gateway-client.js';

const SEND_BUFFER = 16 * 1024;
const PAYLOAD = 'x'.repeat(4 * 1024);

describe('a slow consumer over a real socket', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway({ websocket: { sendBufferBytes: SEND_BUFFER } });
  });
  afterAll(() => gw.close());

  const serverSockets = (): WebSocket[] => [...gw.app.websocketServer.clients];

  it('is closed with 1013 with a bounded buffer, and resumes from its cursor with every event once', async () => {
    const alice = await registerUser(gw.app);
    const slow = await TestSocket.withToken(gw.url, alice.accessToken);
    await slow.waitForType('ready');
    // Stop reading: the kernel buffers fill, then the server's own queue.
    (slow.ws as unknown as { _socket: { pause(): void } })._socket.pause();

    let written = 0;
    let peakBuffered = 0;
    const stillOpen = () => serverSockets().some((s) => s.readyState === WebSocket.OPEN);
    while (stillOpen() && written < 20_000) {
      await transactionWithEvents(gw.ctx, async (_trx, events) => {
        for (let i = 0; i < 50; i += 1) events.emit([alice.id], 'test.bulk', { n: (written += 1), PAYLOAD });
      });
      await sleep(5);
      peakBuffered = Math.max(peakBuffered, ...serverSockets().map((s) => s.bufferedAmount));
    }
    expect(stillOpen()).toBe(false);
    // Never more than the limit plus the frame that crossed it.
    expect(peakBuffered).toBeLessThanOrEqual(SEND_BUFFER + PAYLOAD.length + 512);

    (slow.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await slow.closed).code).toBe(1013);
    const before = slow.cursors();
    expect(before).toEqual(Array.from({ length: before.length }, (_, i) => i + 1));
    expect(before.length).toBeLessThan(written);

    const resumed = await TestSocket.withToken(gw.url, alice.accessToken, before.at(-1));
    await resumed.waitForType('ready', 30_000);
    const after = resumed.cursors();
    expect([...before, ...after]).toEqual(Array.from({ length: written }, (_, i) => i + 1));
    resumed.close();
  }, 120_000);
});
