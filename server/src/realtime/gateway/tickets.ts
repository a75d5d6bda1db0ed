import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { hashToken, type Actor } from '../../modules/auth/tokens.js';

export const TICKET_TTL_MS = 30_000;

/** A short-lived, single-use ticket for opening a WebSocket where headers cannot be set. */
export async function createTicket(ctx: AppContext, actor: Actor): Promise<{ ticket: string; expiresAt: Date }> {
  const ticket = randomBytes(32).toString('base64url');
  const expiresAt = new Date(ctx.clock.now().getTime() + TICKET_TTL_MS);
  await ctx.db
    .insertInto('ws_tickets')
    .values({
      token_hash: hashToken(ticket),
      user_id: actor.userId,
      session_id: actor.sessionId,
      expires_at: expiresAt,
    })
    .execute();
  return { ticket, expiresAt };
}

/**
 * Spends a ticket. One conditional UPDATE, so two instances racing for the
 * same ticket cannot both win; null when it is unknown, used or expired.
 */
export async function consumeTicket(db: Kysely<DB>, ticket: string, now: Date): Promise<Actor | null> {
  const row = await db
    .updateTable('ws_tickets')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(ticket))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['user_id', 'session_id'])
    .executeTakeFirst();
  return row ? { userId: row.user_id, sessionId: row.session_id } : null;
}

/** Tickets are useless a few seconds after they expire; drop the old ones now and then. */
export async function pruneTickets(db: Kysely<DB>, now: Date): Promise<void> {
  await db
    .deleteFrom('ws_tickets')
    .where('expires_at', '<', new Date(now.getTime() - 60_000))
    .execute();
}

/** The sessions among these that were revoked (or deleted): their sockets must close. */
export async function revokedSessions(db: Kysely<DB>, sessionIds: string[]): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const active = await db
    .selectFrom('sessions')
    .select('id')
    .where('id', '=', (eb) => eb.fn.any(eb.val(sessionIds)))
    .where('revoked_at', 'is', null)
    .execute();
  const alive = new Set(active.map((r) => r.id));
  return new Set(sessionIds.filter((id) => !alive.has(id)));
}
