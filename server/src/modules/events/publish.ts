import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import { appendEvents, type NewEvent } from './repository.js';

/** What writing events needs: a change's own database, clock and bus. */
export type EventContext = Pick<AppContext, 'db' | 'clock' | 'bus'>;

export interface EventSink {
  /** Records a durable event for each recipient; they are written when the change's work is done, in its transaction. */
  emit(userIds: number[], type: string, data: unknown): void;
}

/**
 * Runs a change and the events it causes in one transaction, then rings the
 * bus once they are committed: events are never announced for work that
 * rolled back, and never lost when the bell is. The events are appended after
 * the work, all at once, so every transaction locks recipients' streams last
 * and in one order.
 */
export async function transactionWithEvents<T>(
  ctx: EventContext,
  work: (trx: Transaction<DB>, events: EventSink) => T | Promise<T>,
): Promise<T> {
  const { result, delivered } = await ctx.db.transaction().execute(async (trx) => {
    const recorded: NewEvent[] = [];
    const result = await work(trx, {
      emit: (userIds, type, data) => {
        for (const userId of new Set(userIds)) recorded.push({ userId, type, data });
      },
    });
    return { result, delivered: await appendEvents(trx, recorded, ctx.clock.now()) };
  });
  if (delivered.length > 0) await ctx.bus.publish({ kind: 'events', events: delivered });
  return result;
}
