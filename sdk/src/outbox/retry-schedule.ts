import { backoffDelay, type BackoffOptions } from '../lib/backoff.js';
import { backgroundTimeout } from '../lib/timers.js';

/**
 * When the outbox may try again: exponential backoff with jitter after each
 * transient failure, and never sooner than the server's `Retry-After`. A
 * nudge (the network is back) lifts the backoff but not a `Retry-After`.
 */
export class RetrySchedule {
  private attempt = 0;
  private notBefore = 0;
  private retryAfterUntil = 0;
  private wakeUp: (() => void) | undefined;

  constructor(private readonly backoff: BackoffOptions) {}

  get due(): boolean {
    return Date.now() >= this.notBefore;
  }

  succeeded(): void {
    this.attempt = 0;
    this.notBefore = 0;
    this.retryAfterUntil = 0;
  }

  /** Schedules the next attempt after a transient failure; returns when it is due (ms since the epoch). */
  failed(retryAfterMs = 0): number {
    const now = Date.now();
    this.notBefore = now + Math.max(retryAfterMs, backoffDelay(this.attempt, this.backoff));
    this.retryAfterUntil = now + retryAfterMs;
    this.attempt += 1;
    return this.notBefore;
  }

  nudge(): void {
    this.attempt = 0;
    this.notBefore = this.retryAfterUntil;
    this.wake();
  }

  /** Resolves when the next attempt is due, or sooner when woken. */
  wait(): Promise<void> {
    const ms = this.notBefore - Date.now();
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = backgroundTimeout(() => this.wake(), ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  wake(): void {
    const wakeUp = this.wakeUp;
    this.wakeUp = undefined;
    wakeUp?.();
  }
}
