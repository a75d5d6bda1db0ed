import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { Connection, type ConnectionHost } from '../../src/realtime/gateway/connection.js';
import { gatewayLimits } from '../../src/realtime/gateway/limits.js';
import { loadConfig } from '../../src/config.js';
import { registerUser } from '../helpers/factories.js';
import { startGateway, TestSocket, type Gateway } from './gateway-client.js';

async function withGateway(
  overrides: Parameters<typeof startGateway>[0],
  test: (gw: Gateway, token: string) => Promise<void>,
): Promise<void> {
  const gw = await startGateway(overrides);
  try {
    const user = await registerUser(gw.app);
    await test(gw, user.accessToken);
  } finally {
    await gw.close();
  }
}

const ready = async (gw: Gateway, token: string): Promise<TestSocket> => {
  const socket = await TestSocket.withToken(gw.url, token);
  await socket.waitForType('ready');
  return socket;
};

describe('WebSocket limits', () => {
  let shared: Gateway;
  let sharedToken: string;
  beforeAll(async () => {
    shared = await startGateway();
    sharedToken = (await registerUser(shared.app)).accessToken;
  });
  afterAll(() => shared.close());
  const onShared = (test: (gw: Gateway, token: string) => Promise<void>) => () => test(shared, sharedToken);

  it('closes a socket that sends a frame over 64 KiB with 1009, and only that one', () =>
    onShared(async (gw, token) => {
      const [big, other] = [await ready(gw, token), await ready(gw, token)];
      big.send({ type: 'ping', data: 'x'.repeat(65 * 1024) });
      expect((await big.closed).code).toBe(1009);
      other.send({ type: 'ping' });
      await other.waitForType('pong');
      other.close();
    }));

  it('answers malformed frames with error frames, and closes after too many', () =>
    onShared(async (gw, token) => {
      const socket = await ready(gw, token);
      socket.send('not json');
      expect((await socket.waitForType('error')).data).toMatchObject({ code: 'MALFORMED_JSON' });
      socket.send({ type: 'launch.rockets', data: {} });
      socket.send({ type: 'typing', data: { chatRoomId: 'seven' }, requestId: 'r1' });
      socket.send({ type: 'message.send', data: { chatRoomId: 1, content: '', requestId: 'r2' } });
      await socket.waitFor(() => socket.frames.filter((f) => f.type === 'error').length === 4);
      const errors = socket.frames.filter((f) => f.type === 'error').map((f) => f.data);
      expect(errors.slice(1)).toEqual([
        { code: 'VALIDATION_FAILED', detail: 'Unknown frame type "launch.rockets"' },
        { code: 'VALIDATION_FAILED', detail: expect.stringContaining('data.chatRoomId') },
        { requestId: 'r2', code: 'VALIDATION_FAILED', detail: expect.stringContaining('data.content') },
      ]);
      socket.send({ type: 'ping' });
      await socket.waitForType('pong');
      for (let i = 0; i < 6; i += 1) socket.send('{');
      expect((await socket.closed).code).toBe(1008);
    }));

  it('rate-limits a flooding socket: an error frame, then close 1008', () =>
    onShared(async (gw, token) => {
      const socket = await ready(gw, token);
      for (let i = 0; i < 200; i += 1) socket.send({ type: 'ping', data: i });
      expect((await socket.closed).code).toBe(1008);
      expect(socket.frames.filter((f) => f.type === 'pong').length).toBeLessThanOrEqual(41);
      expect(socket.frames.find((f) => f.type === 'error')?.data).toMatchObject({ code: 'RATE_LIMITED' });
    }));

  it('terminates a socket that stops answering heartbeats', () =>
    withGateway({ websocket: { heartbeatMs: 100 } }, async (gw, token) => {
      const live = await ready(gw, token);
      const dead = await TestSocket.open(gw.url, undefined, { autoPong: false });
      dead.send({ type: 'auth', data: { token } });
      await dead.waitForType('ready');
      expect((await dead.closed).code).toBe(1006);
      live.send({ type: 'ping' });
      await live.waitForType('pong');
      live.close();
    }));

  it('closes the oldest socket of a user with 4429 past WS_MAX_SOCKETS_PER_USER', () =>
    withGateway({ websocket: { maxSocketsPerUser: 2 } }, async (gw, token) => {
      const oldest = await ready(gw, token);
      const [middle, newest] = [await ready(gw, token), await ready(gw, token)];
      expect((await oldest.closed).code).toBe(4429);
      for (const socket of [middle, newest]) {
        socket.send({ type: 'ping' });
        await socket.waitForType('pong');
        socket.close();
      }
    }));

  it('closes every socket with 1001 when the server shuts down', async () => {
    const gw = await startGateway();
    const user = await registerUser(gw.app);
    const authed = await ready(gw, user.accessToken);
    const anonymous = await TestSocket.open(gw.url);
    await gw.close();
    expect((await authed.closed).code).toBe(1001);
    expect((await anonymous.closed).code).toBe(1001);
  });
});

describe('a slow consumer', () => {
  const fakeSocket = (bufferedAmount: number) => ({
    readyState: WebSocket.OPEN,
    bufferedAmount,
    send: vi.fn(),
    close: vi.fn(),
    on: vi.fn(),
  });
  const host = (): ConnectionHost => ({
    ctx: {} as never,
    limits: { ...gatewayLimits(loadConfig({})), sendBufferBytes: 1000 },
    log: {} as never,
    attach: vi.fn(),
    detach: vi.fn(),
  });

  it('loses ephemeral frames first', () => {
    const socket = fakeSocket(600);
    const connection = new Connection(socket as never, host(), {});
    expect(connection.send({ type: 'typing', data: {} }, 'ephemeral')).toBe(false);
    expect(connection.send({ type: 'test.event', data: {}, cursor: 1 }, 'durable')).toBe(true);
    expect(socket.send).toHaveBeenCalledTimes(1);
    expect(socket.close).not.toHaveBeenCalled();
  });

  it('is closed with 1013 when durable frames no longer fit, to resume later', () => {
    const socket = fakeSocket(1001);
    const connection = new Connection(socket as never, host(), {});
    expect(connection.send({ type: 'test.event', data: {}, cursor: 1 }, 'durable')).toBe(false);
    expect(socket.close).toHaveBeenCalledWith(1013, expect.any(String));
    expect(socket.send).not.toHaveBeenCalled();
  });
});
