import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BusMessage } from '../../src/realtime/bus.js';
import { registerUser, type TestUser } from '../helpers/factories.js';
import { sleep, startGateway, TestSocket, type Frame, type Gateway } from './gateway-client.js';

function presenceOf(socket: TestSocket, userId: number): Frame[] {
  return socket.frames.filter((f) => f.type === 'presence' && f.data.userId === userId);
}

async function openRoom(gw: Gateway, a: TestUser, b: TestUser): Promise<void> {
  await gw.db
    .insertInto('chat_rooms')
    .values({ participant1_id: a.id, participant2_id: b.id, created_at: gw.clock.now() })
    .execute();
}

async function connect(gw: Gateway, user: TestUser): Promise<TestSocket> {
  const socket = await TestSocket.withToken(gw.url, user.accessToken);
  await socket.waitForType('ready');
  return socket;
}

describe('presence over the WebSocket, one instance', () => {
  let gw: Gateway;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    gw = await startGateway();
    alice = await registerUser(gw.app);
    bob = await registerUser(gw.app);
    await openRoom(gw, alice, bob);
  });
  afterAll(() => gw.close());

  it('announces a user with two sockets online once, and offline when the last closes, at that time', async () => {
    const watcher = await connect(gw, bob);
    const phone = await connect(gw, alice);
    await watcher.waitFor((f) => f.type === 'presence' && f.data.userId === alice.id);
    const laptop = await connect(gw, alice);

    phone.close();
    await phone.closed;
    await sleep(200);
    expect(presenceOf(watcher, alice.id).map((f) => f.data.status)).toEqual(['online']);

    gw.clock.advance(90_000);
    laptop.close();
    const gone = await watcher.waitFor((f) => f.type === 'presence' && f.data.status === 'offline');
    expect(gone.data).toEqual({ userId: alice.id, status: 'offline', lastSeenAt: gw.clock.now().toISOString() });
    await sleep(200);
    expect(presenceOf(watcher, alice.id).map((f) => f.data.status)).toEqual(['online', 'offline']);
    watcher.close();
  });
});

describe('presence at shutdown', () => {
  it('finishes an announcement under way before the database and the bus close', async () => {
    const gw = await startGateway({}, { captureLogs: true });
    const [alice, bob] = [await registerUser(gw.app), await registerUser(gw.app)];
    await openRoom(gw, alice, bob);
    const watcher = await connect(gw, bob);
    const leaving = await connect(gw, alice);
    await watcher.waitFor((f) => f.type === 'presence' && f.data.userId === alice.id);
    const published: BusMessage[] = [];
    gw.ctx.bus.subscribe((message) => published.push(message));

    // Alice's offline is under way when shutdown starts: its partner lookup waits for a transaction to end.
    const busy = gw.db.transaction().execute(async (trx) => {
      await sql`SELECT 1`.execute(trx);
      await sleep(500);
    });
    leaving.close();
    await leaving.closed;
    await sleep(100);
    await gw.close();
    await busy;
    await sleep(100);

    expect(published).toMatchObject([
      {
        kind: 'ephemeral',
        userIds: [bob.id],
        frame: { type: 'presence', data: { userId: alice.id, status: 'offline' } },
      },
    ]);
    expect(gw.logs.filter((line) => /presence announcement failed|session check failed/.test(line))).toEqual([]);
  });
});
