import { createCipheriv, createDecipheriv, createHash, createHmac } from 'node:crypto';
import { AppError } from './errors.js';
import { isId } from './schemas.js';

/**
 * Opaque pagination cursors. Plain ones are base64url JSON; sealed ones are
 * encrypted (AES-256-GCM) for keys that must not be readable by clients,
 * such as the cell distance that orders nearby results.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, isValid: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (isValid(value)) return value;
  } catch {
    // fall through
  }
  throw new AppError('INVALID_CURSOR');
}

export class CursorSealer {
  private readonly key: Buffer;
  constructor(secret: string) {
    this.key = createHash('sha256').update(`cursor:${secret}`).digest();
  }
  seal(value: unknown): string {
    const json = JSON.stringify(value);
    // Deterministic IV (synthetic, from the plaintext): the same page yields the same cursor.
    const iv = createHmac('sha256', this.key).update(json).digest().subarray(0, 12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }
  open<T>(cursor: string, isValid: (value: unknown) => value is T): T {
    try {
      const raw = Buffer.from(cursor, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      const json = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      const value: unknown = JSON.parse(json);
      if (isValid(value)) return value;
    } catch {
      // fall through
    }
    throw new AppError('INVALID_CURSOR');
  }
}

/** The cursor of lists keyset-paged on a primary key. */
export const isIdCursor = (v: unknown): v is { id: number } =>
  typeof v === 'object' && v !== null && isId((v as { id?: unknown }).id);

/** `{ items, nextCursor }` from a page fetched with one extra row. */
export function page<T>(
  rows: T[],
  limit: number,
  cursorOf: (last: T) => string,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
