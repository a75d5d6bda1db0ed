import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context.js';
import { Sweeper } from '../../lib/sweeper.js';
import { transactionWithEvents } from '../events/publish.js';
import { presentRating } from './presenter.js';
import { announceDue } from './repository.js';

/**
 * Tells rated users of the ratings whose blind period has ended, every
 * `sweepIntervalMs`. Every instance runs one: a batch locks its rows and
 * skips those another instance (or a rate-back) holds, and marks them
 * announced in the same statement, so each is announced once. Reads do not
 * wait for it: a rating past its blind period is visible already.
 */
export class RatingSweeper extends Sweeper {
  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'clock' | 'bus' | 'config'>,
    private readonly log: FastifyBaseLogger,
    private readonly batchSize = 500,
  ) {
    super(ctx.config.ratings.sweepIntervalMs);
  }

  /** Resolves to the ratings announced. */
  protected override async pass(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const now = this.ctx.clock.now();
        const announced = await transactionWithEvents(this.ctx, async (trx, events) => {
          const rows = await announceDue(trx, now, this.batchSize);
          for (const row of rows) events.emit([row.rated_id], 'rating.received', presentRating(row, now));
          return rows.length;
        });
        total += announced;
        if (announced < this.batchSize) break;
      }
      if (total > 0) this.log.info({ announced: total }, 'announced ratings whose blind period ended');
      return total;
    } catch (error) {
      this.log.warn({ err: error }, 'rating sweep failed; retrying at the next interval');
      return total;
    }
  }
}
