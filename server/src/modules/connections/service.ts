import type { AppContext } from '../../context.js';
import { isForeignKeyViolation, isUniqueViolation } from '../../db/errors.js';
import { assertSelf } from '../../http/authenticate.js';
import { decodeCursor, encodeCursor, isIdCursor, page } from '../../http/cursor.js';
import { AppError, notFound } from '../../http/errors.js';
import type { Actor } from '../auth/tokens.js';
import { findPeer } from '../blocks/repository.js';
import { transactionWithEvents } from '../events/publish.js';
import { findUserById } from '../users/repository.js';
import { presentConnection } from './presenter.js';
import {
  activityExists,
  bothJoined,
  deleteOwnConnection,
  findOwnConnection,
  haveMet,
  insertConnection,
  listConnections as listConnectionRows,
} from './repository.js';
import type { Connection, ConnectionCreateInput, ListConnectionsInput } from './schemas.js';

/** To anyone but its collector a connection does not exist. */
const connectionNotFound = (): AppError => notFound('Connection');

/**
 * Checks that the two have met: at the activity named (both joined it), or,
 * without one, in any chat room or activity they share.
 */
async function requireMet(ctx: AppContext, actor: Actor, otherId: number, meetingId: number | null): Promise<void> {
  if (meetingId !== null) {
    if (!(await activityExists(ctx.db, meetingId))) throw notFound('Activity');
    if (!(await bothJoined(ctx.db, meetingId, actor.userId, otherId))) {
      throw new AppError('NOT_MET', 'You have not both joined this activity');
    }
  } else if (!(await haveMet(ctx.db, actor.userId, otherId))) {
    throw new AppError('NOT_MET', 'You share no chat room or activity with this user');
  }
}

/**
 * Collects someone's name card: they must exist, not be the collector, not be
 * in a blocked pair with them, and have met them. One connection per
 * (collector, collected). Both are told: the collected user, and the
 * collector's other devices.
 */
export async function createConnection(
  ctx: AppContext,
  actor: Actor,
  input: ConnectionCreateInput,
): Promise<Connection> {
  assertSelf(actor, input.collectorId, 'collectorId');
  if (input.collectedId === actor.userId) throw new AppError('RULE_VIOLATED', 'You cannot collect your own card');
  const other = await findPeer(ctx.db, actor.userId, input.collectedId);
  if (!other) throw notFound('User');
  if (!other.allowed) throw new AppError('FORBIDDEN', "You cannot collect this user's card");
  const meetingId = input.meetingId ?? null;
  await requireMet(ctx, actor, input.collectedId, meetingId);
  try {
    return await transactionWithEvents(ctx, async (trx, events) => {
      const connection = await insertConnection(trx, {
        collector_id: actor.userId,
        collected_id: input.collectedId,
        meeting_id: meetingId,
        collected_at: ctx.clock.now(),
      });
      const user = await findUserById(trx, input.collectedId);
      if (!user) throw notFound('User');
      const created = presentConnection({ connection, user });
      events.emit([connection.collected_id, connection.collector_id], 'connection.created', created);
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'connections_pair_key')) throw new AppError('ALREADY_CONNECTED');
    // Only a user or an activity deleted in between.
    if (isForeignKeyViolation(error)) throw notFound('User or activity');
    throw error;
  }
}

export async function getConnection(ctx: AppContext, actor: Actor, connectionId: number): Promise<Connection> {
  const view = await findOwnConnection(ctx.db, connectionId, actor.userId);
  if (!view) throw connectionNotFound();
  return presentConnection(view);
}

export async function listConnections(
  ctx: AppContext,
  actor: Actor,
  q: ListConnectionsInput,
): Promise<{ items: Connection[]; nextCursor: string | null }> {
  const limit = q.limit ?? 20;
  const rows = await listConnectionRows(ctx.db, {
    collectorId: actor.userId,
    limit,
    ...(q.name ? { name: q.name } : {}),
    ...(q.cursor ? { beforeId: decodeCursor(q.cursor, isIdCursor).id } : {}),
  });
  const result = page(rows, limit, (last) => encodeCursor({ id: last.connection.id }));
  return { items: result.items.map(presentConnection), nextCursor: result.nextCursor };
}

/**
 * Gives a card back (collector only): its fields are hidden from the
 * collector again. The collector's devices are told; the collected user is not.
 */
export async function deleteConnection(ctx: AppContext, actor: Actor, connectionId: number): Promise<void> {
  await transactionWithEvents(ctx, async (trx, events) => {
    const removed = await deleteOwnConnection(trx, connectionId, actor.userId);
    if (!removed) throw connectionNotFound();
    events.emit([actor.userId], 'connection.deleted', {
      id: removed.id,
      collectorId: removed.collector_id,
      collectedId: removed.collected_id,
    });
  });
}
