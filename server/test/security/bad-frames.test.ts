import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { errorCatalogue } from '../../src/http/errors.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { TestSocket } from '../realtime/gateway-client.js';
import { databaseDigest } from './db-digest.js';
import { buildWorld, generousLimits, type World } from './world.js';

const MAX_FRAME_BYTES = 64 * 1024;
const NOWHERE = 2_147_483_647;

/** One frame to send: text, or raw bytes as a text or binary frame; `closes` when the server must hang up on it. */
interface BadFrame {
  kind: string;
  payload: string | Buffer;
  binary?: boolean;
  closes?: number;
}

const known = ['auth', 'resume', 'ping', 'typing', 'read', 'message.send'];
const text = (kind: string, value: unknown): BadFrame => ({ kind, payload: JSON.stringify(value) });

/** A valid `data` of each client frame type, aimed at a room that does not exist. */
const templates: Record<string, Record<string, unknown>> = {
  resume: { cursor: 0 },
  typing: { chatRoomId: NOWHERE },
  read: { chatRoomId: NOWHERE, lastReadSeq: 0, requestId: 'r' },
  'message.send': { chatRoomId: NOWHERE, content: 'hi', messageType: 'TEXT', clientMessageId: 'c', requestId: 'm' },
};

const wrongValue = fc.constantFrom<unknown>(
  'text',
  '',
  -1,
  0.5,
  1e308,
  2 ** 53 + 2,
  true,
  null,
  [],
  {},
  'x'.repeat(5000),
  'IMAGEX',
);

function badFrames(roomId: number): fc.Arbitrary<BadFrame> {
  return fc.oneof(
    fc
      .uint8Array({ minLength: 0, maxLength: 64 })
      .map((bytes) => ({ kind: 'binary', payload: Buffer.from(bytes), binary: true })),
    fc
      .oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('{', '{"type":', '{"type":"ping",}', "{'type':'ping'}", 'NaN'),
      )
      .filter((s) => {
        try {
          JSON.parse(s);
          return false;
        } catch {
          return true;
        }
      })
      .map((payload) => ({ kind: 'not JSON', payload })),
    fc
      .oneof(
        fc.constantFrom<unknown>(null, 1, 'ping', [], [{ type: 'ping' }], {}, { data: {} }),
        fc.record({ type: wrongValue }),
      )
      .map((value) => text('not a frame object', value)),
    fc
      .tuple(fc.string({ minLength: 1, maxLength: 30 }), fc.jsonValue({ maxDepth: 2 }))
      .filter(([type]) => !known.includes(type))
      .map(([type, data]) => text(`unknown type ${type}`, { type, data })),
    fc
      .tuple(fc.constantFrom(...Object.keys(templates)), fc.nat(), wrongValue, fc.boolean())
      .map(([type, n, value, drop]) => {
        const fields = Object.keys(templates[type]!);
        const field = fields[n % fields.length]!;
        const data: Record<string, unknown> = { ...templates[type], [field]: value };
        if (drop) delete data[field];
        return { type, field, data, drop };
      })
      // Dropping an optional field, or a value that happens to fit, leaves a valid frame.
      .filter(
        ({ type, field, drop, data }) =>
          !(drop && ['messageType', 'clientMessageId', 'requestId'].includes(field)) && !fits(type, field, data[field]),
      )
      .map(({ type, field, data, drop }) => text(`${type} with ${drop ? 'no' : 'a bad'} ${field}`, { type, data })),
    fc.constantFrom('\u0000', 'a\ud800', '\udfffz', 'ok\u0000ok').map((content) =>
      text('bad unicode in a message', {
        type: 'message.send',
        data: { chatRoomId: roomId, content, requestId: 'u' },
      }),
    ),
    fc.constantFrom('{"type":"ping","data":"', '[').map((open) => ({
      kind: 'oversized',
      payload: `${open}${'x'.repeat(MAX_FRAME_BYTES)}`,
      closes: 1009,
    })),
    fc.constant({
      kind: 'invalid UTF-8 text',
      payload: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
      closes: 1007,
    }),
  );
}

/** Whether a replaced field still satisfies its frame's schema (then the frame is not bad). */
function fits(type: string, field: string, value: unknown): boolean {
  if (field === 'requestId' || field === 'clientMessageId')
    return typeof value === 'string' && value.length >= (field === 'requestId' ? 0 : 1) && value.length <= 100;
  if (field === 'content') return typeof value === 'string' && value.length >= 1 && value.length <= 4000;
  if (field === 'messageType') return value === 'TEXT' || value === 'IMAGE';
  const min = field === 'chatRoomId' ? 1 : 0;
  return Number.isInteger(value) && (value as number) >= min && (type !== 'typing' || (value as number) <= NOWHERE);
}

let t: TestApp;
let w: World;
let url: string;
let witness: TestSocket;

const ticketFor = async (auth: { authorization: string }): Promise<string> => {
  const res = await t.app.inject({ method: 'POST', url: '/auth/ws-ticket', headers: auth });
  return res.json<{ ticket: string }>().ticket;
};

beforeAll(async () => {
  const defaults = loadConfig({});
  t = await startTestApp({
    ...generousLimits,
    websocket: { ...defaults.websocket, framesPerSecond: 1000, frameBurst: 1000 },
  });
  w = await buildWorld(t, 0);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ws`;
  witness = await TestSocket.open(`${url}?ticket=${await ticketFor(w.stranger.auth)}`);
}, 120_000);
afterAll(async () => {
  witness?.close();
  await t?.close();
});

describe('bad WebSocket frames', () => {
  it('get an error frame each or a policy close, never hurt the server or another socket, and write nothing', async () => {
    // Each socket opens with a ticket, which the ticket table records: everything else stays as it was.
    const before = await databaseDigest(t.db, ['ws_tickets']);
    let probe = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(badFrames(w.room.id), { minLength: 1, maxLength: 5 }), async (generated) => {
        // Nothing is read after a frame the server hangs up on.
        const end = generated.findIndex((f) => f.closes !== undefined);
        const frames = end === -1 ? generated : generated.slice(0, end + 1);
        const socket = await TestSocket.open(`${url}?ticket=${await ticketFor(w.owner.auth)}`);
        for (const frame of frames) socket.ws.send(frame.payload, { binary: frame.binary ?? false });
        const last = frames[frames.length - 1]!;
        const what = frames.map((f) => f.kind).join(', ');
        if (last.closes !== undefined) {
          expect((await socket.closed).code, what).toBe(last.closes);
        } else {
          socket.send({ type: 'ping', data: 'probe' });
          await socket.waitFor((f) => f.type === 'pong');
          const errors = socket.frames.filter((f) => f.type === 'error');
          expect(errors, what).toHaveLength(frames.length);
          for (const error of errors) {
            const code = error.data.code as keyof typeof errorCatalogue;
            expect(errorCatalogue[code]?.status, `${what}: ${JSON.stringify(error)}`).toBeLessThan(500);
          }
          socket.close();
        }
        probe += 1;
        witness.send({ type: 'ping', data: probe });
        await witness.waitFor((f) => f.type === 'pong' && f.data === (probe as never));
      }),
      { numRuns: 40 },
    );
    expect(await databaseDigest(t.db, ['ws_tickets'])).toEqual(before);
  }, 120_000);

  it('answers a message with a NUL character with VALIDATION_FAILED, not an internal error', async () => {
    const socket = await TestSocket.open(`${url}?ticket=${await ticketFor(w.owner.auth)}`);
    socket.send({ type: 'message.send', data: { chatRoomId: w.room.id, content: 'a\u0000b', requestId: 'nul' } });
    const error = await socket.waitFor((f) => f.type === 'error' && f.data.requestId === 'nul');
    expect(error.data.code).toBe('VALIDATION_FAILED');
    socket.close();
  });

  it('keeps answering good frames and requests afterwards', async () => {
    const socket = await TestSocket.open(`${url}?ticket=${await ticketFor(w.owner.auth)}`);
    socket.send({ type: 'message.send', data: { chatRoomId: w.room.id, content: 'still here', requestId: 'ok' } });
    const ack = await socket.waitFor((f) => f.type === 'ack' && f.data.requestId === 'ok');
    expect(ack.data.message).toMatchObject({ content: 'still here' });
    socket.close();
    expect((await t.app.inject({ method: 'GET', url: '/ready' })).statusCode).toBe(200);
  });
});
