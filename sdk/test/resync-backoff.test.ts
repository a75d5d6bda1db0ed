import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { SessionManager } from '../src/http/session.js';
import { RealtimeClient } from '../src/realtime/client.js';
import { MemoryStorage } from '../src/index.js';
import { eventually } from './helpers/clients.js';

/**
 * The real server sends `resync.required` only for a cursor it no longer
 * has, and the client then moves on; a server that keeps sending it (say,
 * one whose event log is being rebuilt) is a stand-in here.
 */
let wss: WebSocketServer;
let port: number;

beforeAll(async () => {
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'icebreaker.v1' });
  await new Promise((resolve) => wss.once('listening', resolve));
  port = (wss.address() as { port: number }).port;
  wss.on('connection', (socket) => {
    socket.send(JSON.stringify({ type: 'resync.required', data: { cursor: 0 } }));
    socket.send(JSON.stringify({ type: 'ready', data: { cursor: 0 } }));
    setTimeout(() => socket.close(1013, 'Try again later'), 20);
  });
});

afterAll(() => new Promise<void>((resolve) => wss.close(() => resolve())));

it('backs off, with jitter, when resync keeps coming', async () => {
  const storage = new MemoryStorage();
  const session = new SessionManager({
    baseUrl: `http://127.0.0.1:${port}`,
    send: fetch,
    storage,
    persist: false,
  });
  await session.adopt({
    user: { id: 1 } as never,
    tokenType: 'Bearer',
    accessToken: 'a',
    accessTokenExpiresAt: new Date(Date.now() + 60_000).toISOString(),
    refreshToken: 'r',
    refreshTokenExpiresAt: new Date(Date.now() + 60_000).toISOString(),
  });
  const client = new RealtimeClient({
    baseUrl: `http://127.0.0.1:${port}`,
    session,
    storage,
    createTicket: async () => ({ ticket: 'ticket' }),
    backoff: { initialMs: 10, maxMs: 10 },
    resyncBackoff: { initialMs: 200, maxMs: 5_000 },
    heartbeatMs: 25_000,
    typingThrottleMs: 3_000,
    typingTimeoutMs: 6_000,
    onError: (error) => {
      throw error;
    },
  });
  const at: number[] = [];
  client.on('resync', () => {
    at.push(Date.now());
  });
  client.connect();
  await eventually(() => at.length >= 4, 'four resync notices', 10_000);
  await client.close();

  const gaps = at.slice(1).map((t, i) => t - at[i]!);
  // Each wait is at least half of 200, 400, 800 ms (the other half is random).
  expect(gaps[0]).toBeGreaterThanOrEqual(100);
  expect(gaps[1]).toBeGreaterThanOrEqual(200);
  expect(gaps[2]).toBeGreaterThanOrEqual(400);
});
