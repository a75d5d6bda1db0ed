/**
 * A pass over the database every `intervalMs`, run by every instance (each
 * subclass makes its pass safe with several instances). A pass still running
 * is joined rather than doubled.
 */
export abstract class Sweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;

  protected constructor(private readonly intervalMs: number) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  /** One pass now; resolves to how many rows it handled. */
  sweep(): Promise<number> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Stops the timer and waits for a pass in flight, so what it writes and announces is done before shutdown goes on. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** Never rejects: a failed pass is logged and retried at the next interval. */
  protected abstract pass(): Promise<number>;
}
