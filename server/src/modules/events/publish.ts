import type { Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema.js';
import type { DeliveredEvent } from '../../realtime/bus.js';
import { appendEvent } from './repository.js';

export interface EventSink {
  /**
   * Records a durable event for each recipient, in this transaction. Recipients
   * are taken in id order, so concurrent writers lock streams in one order.
   */
  emit(userIds: number[], type: string, data: unknown): Promise<void>;
}

/**
 * Runs a change and the events it causes in one transaction, then rings the
 * bus once they are committed: events are never announced for work that
 * rolled back, and never lost when the bell is.
 */
export async function transactionWithEvents<T>(
  ctx: AppContext,
  work: (trx: Transaction<DB>, events: EventSink) => Promise<T>,
): Promise<T> {
  const delivered: DeliveredEvent[] = [];
  const result = await ctx.db.transaction().execute((trx) =>
    work(trx, {
      emit: async (userIds, type, data) => {
        const at = ctx.clock.now();
        for (const userId of [...new Set(userIds)].sort((a, b) => a - b)) {
          delivered.push(await appendEvent(trx, { userId, type, data, at }));
        }
      },
    }),
  );
  if (delivered.length > 0) await ctx.bus.publish({ kind: 'events', events: delivered });
  return result;
}
