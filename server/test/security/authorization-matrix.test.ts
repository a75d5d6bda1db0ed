import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestSocket } from '../realtime/gateway-client.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { matrix, type MatrixContext } from './matrix.js';
import { operations } from './openapi-operations.js';
import { buildWorld, freshResources, generousLimits, type Role, type World } from './world.js';

/** Every operation the document describes, as `METHOD path`: the matrix must answer for each. */
const keys = operations.map((op) => op.key);

const roles: Role[] = ['anonymous', 'owner', 'participant', 'stranger'];
const NOWHERE = 2_147_483_647;

let t: TestApp;
let w: World;
let c: Omit<MatrixContext, 'actor'>;
beforeAll(async () => {
  t = await startTestApp(generousLimits);
  w = await buildWorld(t);
  c = { w, fresh: freshResources(t, w) };
}, 120_000);
afterAll(() => t?.close());

describe('authorization matrix', () => {
  it('has an entry for every operation of the OpenAPI document, and none for operations it lacks', () => {
    expect(keys.filter((op) => !(op in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((op) => !keys.includes(op))).toEqual([]);
  });

  it('marks public exactly the operations the document declares without security', () => {
    const open = operations.filter((op) => op.public).map((op) => op.key);
    const marked = Object.entries(matrix)
      .filter(([, entry]) => entry.public)
      .map(([op]) => op);
    // The WebSocket authenticates inside the socket, so the document lists it without HTTP security.
    expect(open.filter((op) => op !== 'GET /ws').sort()).toEqual(marked.sort());
  });

  it.each(keys)('%s answers each role as expected', async (op) => {
    const entry = matrix[op];
    if (!entry) throw new Error(`no authorization matrix entry for ${op}: add one to test/security/matrix.ts`);
    const seen: Record<string, number> = {};
    const wanted: Record<string, number> = {};
    for (const role of roles) {
      const status = entry.expect[role];
      if (status === undefined) continue;
      const actor = role === 'anonymous' ? w.owner : w.actors[role];
      const { headers = {}, ...request } = await entry.request(role, { ...c, actor });
      const auth = role === 'anonymous' || 'authorization' in headers ? {} : actor.auth;
      const res = await t.app.inject({ ...request, headers: { ...auth, ...headers } } as never);
      wanted[role] = status;
      seen[role] = res.statusCode;
      if (res.statusCode >= 400) {
        expect(res.headers['content-type'], `${op} as ${role}`).toMatch(/^application\/problem\+json/);
        expect(res.json<{ code?: unknown }>().code, `${op} as ${role}`).toEqual(expect.any(String));
      }
    }
    expect(seen, `statuses of ${op} by role`).toEqual(wanted);
  });
});

describe('invisible resources', () => {
  const hidden = keys.filter((op) => matrix[op]?.expect.stranger === 404);

  it.each(hidden)('%s answers a stranger exactly as it answers for a resource that does not exist', async (op) => {
    const entry = matrix[op]!;
    const { headers = {}, ...request } = await entry.request('stranger', { ...c, actor: w.stranger });
    const send = (r: typeof request) => t.app.inject({ ...r, headers: { ...w.stranger.auth, ...headers } } as never);
    const payload = request.payload as Record<string, unknown> | undefined;
    const missing = {
      ...request,
      url: request.url.replace(/\/\d+(?=\/|$)/, `/${NOWHERE}`),
      ...(payload?.chatRoomId ? { payload: { ...payload, chatRoomId: NOWHERE } } : {}),
    };
    expect(missing).not.toEqual(request);
    const [invisible, absent] = await Promise.all([send(request), send(missing)]);
    const shape = (res: typeof invisible) => {
      const { instance: _instance, ...problem } = res.json<Record<string, unknown>>();
      return { status: res.statusCode, ...problem };
    };
    expect(shape(invisible)).toEqual(shape(absent));
  });
});

describe('authorization of the WebSocket upgrade', () => {
  let url: string;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ws`;
  });

  const ticket = async (): Promise<string> => {
    const answer = await t.app.inject({ method: 'POST', url: '/auth/ws-ticket', headers: w.owner.auth });
    return answer.json<{ ticket: string }>().ticket;
  };

  it('lets the owner of a ticket in, once', async () => {
    const value = await ticket();
    const socket = await TestSocket.open(`${url}?ticket=${value}`);
    socket.send({ type: 'ping', data: 1 });
    await socket.waitForType('pong');
    socket.close();
    const again = await TestSocket.open(`${url}?ticket=${value}`).catch((error: Error) => error);
    if (again instanceof TestSocket) expect((await again.closed).code).toBe(4401);
    else expect(again.message).toMatch(/^HTTP 4\d\d$/);
  });

  it('shuts out an anonymous socket that sends anything but auth, and a forged token', async () => {
    const anonymous = await TestSocket.open(url);
    anonymous.send({ type: 'message.send', data: { chatRoomId: w.room.id, content: 'sneaky' } });
    expect((await anonymous.closed).code).toBe(4401);
    const forged = await TestSocket.withToken(url, `${w.owner.accessToken.slice(0, -4)}AAAA`);
    expect((await forged.closed).code).toBe(4401);
  });

  it("does not let a stranger send into or read someone else's room over the socket", async () => {
    const answer = await t.app.inject({ method: 'POST', url: '/auth/ws-ticket', headers: w.stranger.auth });
    const socket = await TestSocket.open(`${url}?ticket=${answer.json<{ ticket: string }>().ticket}`);
    socket.send({ type: 'message.send', data: { chatRoomId: w.room.id, content: 'sneaky', requestId: 's' } });
    socket.send({ type: 'read', data: { chatRoomId: w.room.id, lastReadSeq: 1, requestId: 'r' } });
    const send = await socket.waitFor((f) => f.type === 'error' && f.data.requestId === 's');
    const read = await socket.waitFor((f) => f.type === 'error' && f.data.requestId === 'r');
    expect([send.data.code, read.data.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    socket.close();
  });
});
