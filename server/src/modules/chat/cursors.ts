import { decodeCursor } from '../../http/cursor.js';
import { AppError } from '../../http/errors.js';
import { isId } from '../../http/schemas.js';
import type { ListMessagesInput } from './schemas.js';

export interface RoomCursor {
  at: string;
  id: number;
}

/** Only cursors as this server writes them: a canonical UTC time since 1970 and a room id. */
export const isRoomCursor = (v: unknown): v is RoomCursor => {
  const c = v as Partial<RoomCursor> | null;
  if (typeof c !== 'object' || c === null || typeof c.at !== 'string') return false;
  const time = Date.parse(c.at);
  return /^\d{4}-/.test(c.at) && time >= 0 && new Date(time).toISOString() === c.at && isId(c.id);
};

export interface MessageCursor {
  before?: number;
  after?: number;
}

const isSeq = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

export const isMessageCursor = (v: unknown): v is MessageCursor => {
  if (typeof v !== 'object' || v === null) return false;
  const keys = Object.keys(v);
  if (keys.length !== 1) return false;
  const [key] = keys as [string];
  return (key === 'before' || key === 'after') && isSeq((v as Record<string, unknown>)[key]);
};

/** Where a page starts and which way it goes: from `before`, `after`, or a cursor that keeps the direction. */
export function anchorOf(q: ListMessagesInput): { direction: 'before' | 'after'; seq: number | null } {
  const anchors = (['before', 'after', 'cursor'] as const).filter((name) => q[name] !== undefined);
  if (anchors.length > 1) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Give at most one of before, after and cursor',
      anchors.map((name) => ({ field: `querystring.${name}`, message: 'excludes the other anchors' })),
    );
  }
  if (q.cursor !== undefined) {
    const cursor = decodeCursor(q.cursor, isMessageCursor);
    return cursor.after !== undefined
      ? { direction: 'after', seq: cursor.after }
      : { direction: 'before', seq: cursor.before! };
  }
  if (q.after !== undefined) return { direction: 'after', seq: q.after };
  return { direction: 'before', seq: q.before ?? null };
}
