import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context.js';
import { Sweeper } from '../../lib/sweeper.js';
import { transactionWithEvents } from '../events/publish.js';
import { presentInvitation } from './presenter.js';
import { expireDue } from './repository.js';

/**
 * Marks pending invitations past their expiry as EXPIRED and tells sender and
 * receiver, every `sweepIntervalMs`. Every instance runs one: a batch locks
 * its rows and skips those another instance (or an accept) holds, so each
 * expiry is announced once. Reads and writes do not wait for it: they treat
 * an invitation past its expiry as expired already.
 */
export class InvitationSweeper extends Sweeper {
  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'clock' | 'bus' | 'config'>,
    private readonly log: FastifyBaseLogger,
    private readonly batchSize = 500,
  ) {
    super(ctx.config.invitations.sweepIntervalMs);
  }

  protected override async pass(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const now = this.ctx.clock.now();
        const expired = await transactionWithEvents(this.ctx, async (trx, events) => {
          const rows = await expireDue(trx, now, this.batchSize);
          for (const row of rows) {
            events.emit([row.sender_id, row.receiver_id], 'invitation.expired', presentInvitation(row, now));
          }
          return rows.length;
        });
        total += expired;
        if (expired < this.batchSize) break;
      }
      if (total > 0) this.log.info({ expired: total }, 'expired pending invitations');
      return total;
    } catch (error) {
      this.log.warn({ err: error }, 'invitation sweep failed; retrying at the next interval');
      return total;
    }
  }
}
