import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { AppError } from './errors.js';

/** Probes and scrapes must keep answering while the process sheds load. */
const EXEMPT = new Set(['/health', '/ready', '/metrics']);
const SAMPLE_INTERVAL_MS = 1_000;

/**
 * Tells whether the process is overloaded: the mean event-loop delay over the
 * last second, or the heap in use, past its threshold (0 turns one off).
 */
export class LoadMonitor {
  private readonly histogram = monitorEventLoopDelay({ resolution: 10 });
  private timer: NodeJS.Timeout | undefined;
  /** Why the process is overloaded, or null. */
  reason: string | null = null;
  eventLoopDelayMs = 0;

  constructor(
    private readonly maxEventLoopDelayMs: number,
    private readonly maxHeapUsedBytes: number,
  ) {}

  /** Measures from now: the start-up's own work (schema compilation, migrations) is not load. */
  start(): void {
    if (this.timer || (this.maxEventLoopDelayMs <= 0 && this.maxHeapUsedBytes <= 0)) return;
    this.histogram.reset();
    this.histogram.enable();
    this.timer = setInterval(() => this.sample(), SAMPLE_INTERVAL_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.histogram.disable();
  }

  sample(): void {
    const mean = this.histogram.mean;
    this.eventLoopDelayMs = Number.isNaN(mean) ? 0 : mean / 1e6;
    this.histogram.reset();
    const heapUsed = process.memoryUsage().heapUsed;
    if (this.maxEventLoopDelayMs > 0 && this.eventLoopDelayMs > this.maxEventLoopDelayMs) {
      this.reason = 'event loop delay';
    } else if (this.maxHeapUsedBytes > 0 && heapUsed > this.maxHeapUsedBytes) {
      this.reason = 'heap used';
    } else {
      this.reason = null;
    }
  }
}

/**
 * An overloaded process refuses new work with 503 SERVICE_UNAVAILABLE and
 * Retry-After, instead of queueing requests until it falls over; clients
 * (the SDK) retry after the delay. Health, readiness and metrics still answer.
 */
export function registerOverloadGuard(app: FastifyInstance, config: Config['overload']): LoadMonitor {
  const maxHeapUsedBytes = config.maxHeapUsedBytes ?? Math.floor(getHeapStatistics().heap_size_limit * 0.9);
  const monitor = new LoadMonitor(config.maxEventLoopDelayMs, maxHeapUsedBytes);
  const retryAfter = String(config.retryAfterSeconds);
  app.addHook('onReady', async () => monitor.start());
  app.addHook('onClose', async () => monitor.stop());
  // Callback form, as it runs on every request (Fastify turns a throw into the error reply).
  app.addHook('onRequest', (request, reply, done) => {
    if (monitor.reason === null || EXEMPT.has(request.routeOptions.url ?? '')) return done();
    reply.header('retry-after', retryAfter);
    throw new AppError('SERVICE_UNAVAILABLE', `The server is overloaded (${monitor.reason}); retry in ${retryAfter} s`);
  });
  return monitor;
}
