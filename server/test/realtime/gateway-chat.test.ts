import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { startGateway, TestSocket, type Gateway } from './gateway-client.js';

describe('chat over the WebSocket', () => {
  let gw: Gateway;
  let alice: TestUser;
  let bob: TestUser;
  let roomId: number;

  beforeAll(async () => {
    gw = await startGateway();
    alice = await registerUser(gw.app);
    bob = await registerUser(gw.app);
    const room = await gw.db
      .insertInto('chat_rooms')
      .values({ participant1_id: alice.id, participant2_id: bob.id, created_at: gw.clock.now() })
      .returning('id')
      .executeTakeFirstOrThrow();
    roomId = room.id;
  });
  afterAll(() => gw.close());

  const connect = async (user: TestUser): Promise<TestSocket> => {
    const socket = await TestSocket.withToken(gw.url, user.accessToken);
    await socket.waitForType('ready');
    return socket;
  };

  it('tells the other participant when one comes online and goes offline', async () => {
    const b = await connect(bob);
    const a = await connect(alice);
    expect((await b.waitFor((f) => f.type === 'presence' && f.data.status === 'online')).data).toMatchObject({
      userId: alice.id,
    });
    a.close();
    expect((await b.waitFor((f) => f.type === 'presence' && f.data.status === 'offline')).data).toMatchObject({
      userId: alice.id,
      lastSeenAt: expect.any(String),
    });
    b.close();
  });

  it('relays typing to the other participant only', async () => {
    const [a, b] = [await connect(alice), await connect(bob)];
    a.send({ type: 'typing', data: { chatRoomId: roomId } });
    expect((await b.waitForType('typing')).data).toEqual({ chatRoomId: roomId, userId: alice.id });
    expect(b.frames.find((f) => f.type === 'typing')?.cursor).toBeUndefined();
    expect(a.frames.find((f) => f.type === 'typing')).toBeUndefined();
    a.close();
    b.close();
  });

  it('answers typing in a stranger room with a NOT_FOUND error frame and keeps the socket', async () => {
    const carol = await registerUser(gw.app);
    const c = await connect(carol);
    c.send({ type: 'typing', data: { chatRoomId: roomId } });
    expect((await c.waitForType('error')).data).toMatchObject({ code: 'NOT_FOUND' });
    c.send({ type: 'message.send', data: { chatRoomId: roomId, content: 'hi', requestId: 'q1' } });
    expect((await c.waitFor((f) => f.type === 'error' && f.data.requestId === 'q1')).data).toMatchObject({
      code: 'NOT_FOUND',
    });
    c.send({ type: 'ping' });
    await c.waitForType('pong');
    c.close();
  });

  it('acks message.send with the message, delivers it to both, and dedups a retry', async () => {
    const [a, b] = [await connect(alice), await connect(bob)];
    const send = { type: 'message.send', data: { chatRoomId: roomId, content: 'hello', clientMessageId: 'm-1' } };
    a.send({ ...send, data: { ...send.data, requestId: 'r1' } });
    const ack = await a.waitFor((f) => f.type === 'ack' && f.data.requestId === 'r1');
    expect(ack.data.message).toMatchObject({ chatRoomId: roomId, senderId: alice.id, content: 'hello', seq: 1 });

    const received = await b.waitFor((f) => f.cursor !== undefined);
    expect(JSON.stringify(received.data)).toContain('hello');

    a.send({ ...send, data: { ...send.data, requestId: 'r2' } });
    const retry = await a.waitFor((f) => f.type === 'ack' && f.data.requestId === 'r2');
    expect(retry.data.message).toEqual(ack.data.message);

    b.send({ type: 'read', data: { chatRoomId: roomId, lastReadSeq: 1, requestId: 'rd' } });
    expect((await b.waitFor((f) => f.type === 'ack' && f.data.requestId === 'rd')).data.readPointer).toMatchObject({
      lastReadSeq: 1,
    });
    a.close();
    b.close();
  });

  it('stores messages sent back to back without waiting for acks in the order they were sent', async () => {
    const [a, b] = [await connect(alice), await connect(bob)];
    const count = 30; // within the default frame burst
    for (let i = 0; i < count; i += 1) {
      a.send({ type: 'message.send', data: { chatRoomId: roomId, content: `burst ${i}`, requestId: `b${i}` } });
    }
    const acks = await Promise.all(
      Array.from({ length: count }, (_, i) => a.waitFor((f) => f.type === 'ack' && f.data.requestId === `b${i}`)),
    );
    const seqs = acks.map((ack) => (ack.data.message as { seq: number }).seq);
    expect(seqs).toEqual(Array.from({ length: count }, (_, i) => seqs[0]! + i));
    const delivered = await b.waitFor(
      (f) => f.type === 'message.created' && (f.data as { seq: number }).seq === seqs.at(-1),
    );
    expect(delivered.data).toMatchObject({ content: `burst ${count - 1}` });
    const contents = b.frames
      .filter((f) => f.type === 'message.created' && String(f.data.content).startsWith('burst'))
      .map((f) => f.data.content);
    expect(contents).toEqual(Array.from({ length: count }, (_, i) => `burst ${i}`));
    a.close();
    b.close();
  });
});
