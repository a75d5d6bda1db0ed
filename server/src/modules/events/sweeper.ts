import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context.js';
import { Sweeper } from '../../lib/sweeper.js';
import { pruneEvents } from './repository.js';

/**
 * Deletes durable events older than the retention window, every
 * `pruneIntervalMs`. Every instance runs one: the deletes are idempotent and
 * skip rows another instance is already removing.
 */
export class EventSweeper extends Sweeper {
  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
    private readonly log: FastifyBaseLogger,
    private readonly batchSize = 10_000,
  ) {
    super(ctx.config.events.pruneIntervalMs);
  }

  protected override async pass(): Promise<number> {
    const { retentionHours } = this.ctx.config.events;
    const cutoff = new Date(this.ctx.clock.now().getTime() - retentionHours * 3_600_000);
    try {
      const removed = await pruneEvents(this.ctx.db, cutoff, this.batchSize);
      const fields = { removed, before: cutoff.toISOString() };
      if (removed > 0) this.log.info(fields, 'pruned expired events');
      else this.log.debug(fields, 'no expired events to prune');
      return removed;
    } catch (error) {
      this.log.warn({ err: error }, 'event pruning failed; retrying at the next interval');
      return 0;
    }
  }
}
