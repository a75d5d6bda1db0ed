import type { FastifyBaseLogger } from 'fastify';
import type { AppContext } from '../../context.js';
import { pruneEvents } from './repository.js';

/**
 * Deletes durable events older than the retention window, every
 * `pruneIntervalMs`. Every instance runs one: the deletes are idempotent and
 * skip rows another instance is already removing.
 */
export class EventSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;

  constructor(
    private readonly ctx: Pick<AppContext, 'db' | 'clock' | 'config'>,
    private readonly log: FastifyBaseLogger,
    private readonly batchSize = 10_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.ctx.config.events.pruneIntervalMs);
    this.timer.unref();
  }

  /** One pass; a pass still running is joined rather than doubled. Resolves to the rows removed. */
  sweep(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops the timer and waits for a pass in flight, so the database can close after it. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async pass(): Promise<number> {
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
