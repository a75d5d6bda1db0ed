import { Type, type Static, type TSchema } from 'typebox';
import { Compile, type Validator } from 'typebox/compile';
import { MAX_ID } from '../../http/schemas.js';
import type { ErrorCode } from '../../http/errors.js';
import { badTextAt } from '../../http/validation.js';
import { MAX_TEXT_LENGTH } from '../../modules/chat/schemas.js';
import { jsonOf, sharedJsonOf } from '../shared-json.js';

/**
 * Every frame is JSON `{type, data}`. Durable events also carry `cursor`
 * (the recipient's stream seq): a client stores it once it has applied the
 * event and sends it back when it reconnects.
 */
export interface ServerFrame {
  type: string;
  data: unknown;
  cursor?: number;
}

const Id = Type.Integer({ minimum: 1, maximum: MAX_ID });
const Cursor = Type.Integer({ minimum: 0 });
const RequestId = Type.Optional(Type.String({ maxLength: 100 }));

const clientFrameSchemas = {
  auth: Type.Object({ token: Type.String({ minLength: 1, maxLength: 4096 }), cursor: Type.Optional(Cursor) }),
  resume: Type.Object({ cursor: Cursor }),
  ping: Type.Optional(Type.Unknown()),
  typing: Type.Object({ chatRoomId: Id }),
  read: Type.Object({ chatRoomId: Id, lastReadSeq: Cursor, requestId: RequestId }),
  'message.send': Type.Object({
    chatRoomId: Id,
    content: Type.String({ minLength: 1, maxLength: MAX_TEXT_LENGTH }),
    messageType: Type.Optional(Type.Union([Type.Literal('TEXT'), Type.Literal('IMAGE')])),
    clientMessageId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    requestId: RequestId,
  }),
} satisfies Record<string, TSchema>;

type Schemas = typeof clientFrameSchemas;
export type ClientFrame = { [K in keyof Schemas]: { type: K; data: Static<Schemas[K]> } }[keyof Schemas];

/** Compiled once: every frame a client sends is checked against one of these. */
const clientFrameValidators = Object.fromEntries(
  Object.entries(clientFrameSchemas).map(([type, schema]) => [type, Compile(schema)]),
) as Record<keyof Schemas, Validator>;

export class FrameError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail: string,
    readonly requestId?: string,
  ) {
    super(detail);
  }
}

/** Parses and validates one text frame; throws FrameError with the code to answer. */
export function parseClientFrame(text: string): ClientFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new FrameError('MALFORMED_JSON', 'A frame must be JSON');
  }
  if (typeof raw !== 'object' || raw === null || typeof (raw as { type?: unknown }).type !== 'string') {
    throw new FrameError('VALIDATION_FAILED', 'A frame must be an object {type, data}');
  }
  const { type, data } = raw as { type: string; data?: unknown };
  if (!Object.hasOwn(clientFrameSchemas, type)) {
    throw new FrameError('VALIDATION_FAILED', `Unknown frame type "${type.slice(0, 40)}"`);
  }
  const validator = clientFrameValidators[type as keyof Schemas];
  if (!validator.Check(data)) {
    const [first] = validator.Errors(data);
    const where = first?.instancePath ? `data${first.instancePath.replaceAll('/', '.')}` : 'data';
    throw new FrameError('VALIDATION_FAILED', `${where}: ${first?.message ?? 'is not valid'}`, requestIdOf(data));
  }
  const badText = badTextAt(data);
  if (badText !== undefined) {
    const where = `data${badText.replaceAll('/', '.')}`;
    throw new FrameError(
      'VALIDATION_FAILED',
      `${where}: must not contain NUL or unpaired surrogates`,
      requestIdOf(data),
    );
  }
  return { type, data } as ClientFrame;
}

function requestIdOf(data: unknown): string | undefined {
  const id = (data as { requestId?: unknown } | null | undefined)?.requestId;
  return typeof id === 'string' ? id.slice(0, 100) : undefined;
}

export const errorFrame = (code: ErrorCode, detail: string, requestId?: string): ServerFrame => ({
  type: 'error',
  data: requestId === undefined ? { code, detail } : { requestId, code, detail },
});

/** JSON of a frame's data; a plain object's fields are looked up in the shared JSON one level down. */
function dataText(data: unknown): string | undefined {
  if (typeof data !== 'object' || data === null || Object.getPrototypeOf(data) !== Object.prototype) {
    return jsonOf(data);
  }
  const shared = sharedJsonOf(data);
  if (shared !== undefined) return shared;
  const fields: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const text = jsonOf(value);
    // Skipped like JSON.stringify skips them (undefined, functions).
    if (text !== undefined) fields.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${fields.join(',')}}`;
}

/** The text of a frame, as JSON.stringify would write it, reusing the JSON of shared data. */
export function frameText(frame: ServerFrame): string {
  const data = dataText(frame.data);
  return (
    `{"type":${JSON.stringify(frame.type)}` +
    (data === undefined ? '' : `,"data":${data}`) +
    (frame.cursor === undefined ? '' : `,"cursor":${JSON.stringify(frame.cursor)}`) +
    '}'
  );
}
