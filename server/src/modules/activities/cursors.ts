import { isId } from '../../http/schemas.js';

/** Position in a list ordered by start time, then id. */
export interface ActivityCursor {
  at: string;
  id: number;
}

/** Only cursors as this server writes them: a canonical UTC time since 1970 and an activity id. */
export const isActivityCursor = (v: unknown): v is ActivityCursor => {
  const c = v as Partial<ActivityCursor> | null;
  if (typeof c !== 'object' || c === null || typeof c.at !== 'string') return false;
  const time = Date.parse(c.at);
  return /^\d{4}-/.test(c.at) && time >= 0 && new Date(time).toISOString() === c.at && isId(c.id);
};

/** Position in a participant list: the last arrival seq seen. */
export interface ParticipantCursor {
  seq: number;
}

export const isParticipantCursor = (v: unknown): v is ParticipantCursor => {
  const c = v as Partial<ParticipantCursor> | null;
  return typeof c === 'object' && c !== null && Number.isSafeInteger(c.seq) && (c.seq as number) >= 0;
};
