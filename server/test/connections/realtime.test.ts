import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerUser } from '../helpers/factories.js';
import { startGateway, TestSocket, type Gateway } from '../realtime/gateway-client.js';
import { collect, connectionClient, openRoom, type Connection } from './helpers.js';

describe('connections in real time', () => {
  let gw: Gateway;
  beforeAll(async () => {
    gw = await startGateway();
  });
  afterAll(() => gw.close());

  it("delivers connection.created to the collected user's socket, and nothing for a refused attempt", async () => {
    const [alice, bob, carol] = [await registerUser(gw.app), await registerUser(gw.app), await registerUser(gw.app)];
    const socket = await TestSocket.withToken(gw.url, bob.accessToken);
    await socket.waitForType('ready');

    expect((await connectionClient(gw).create(carol, { collectedId: bob.id })).statusCode).toBe(403);
    await openRoom(gw, alice, bob);
    const connection = await collect(gw, alice, bob);
    const frame = await socket.waitForType('connection.created');
    expect(frame.data).toEqual(connection);
    expect(frame.cursor).toEqual(expect.any(Number));
    expect(
      socket.frames.filter((f) => f.type === 'connection.created').map((f) => (f.data as unknown as Connection).id),
    ).toEqual([connection.id]);
    socket.close();
  });
});
