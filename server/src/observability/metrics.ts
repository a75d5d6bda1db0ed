import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BusMessage, EventBus } from '../realtime/bus.js';

/** What the gauges read when Prometheus scrapes; set by the parts that own the numbers. */
export interface MetricProbes {
  socketsOpen?: () => number;
  busHealthy?: () => boolean;
  /** Set while the overload guard refuses requests. */
  overloaded?: () => boolean;
  /** Chat messages waiting for the group-commit writer's next transaction. */
  messagesQueued?: () => number;
  /** pg.Pool counters; absent for the embedded database, which has no pool. */
  databasePool?: () => { total: number; idle: number; waiting: number };
}

/**
 * This instance's Prometheus metrics, in a registry of its own (never the
 * global one: tests build several apps in one process).
 */
export class Metrics {
  readonly registry = new Registry();
  readonly probes: MetricProbes = {};

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly eventsPublished = new Counter({
    name: 'realtime_events_published_total',
    help: 'Durable events (one per recipient) and ephemeral frames handed to the event bus',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });

  readonly eventsDelivered = new Counter({
    name: 'realtime_events_delivered_total',
    help: 'Durable event frames written to this instance’s sockets, live and catch-up',
    registers: [this.registry],
  });

  readonly busLag = new Histogram({
    name: 'realtime_bus_lag_seconds',
    help: 'From an event’s commit to its arrival on this instance’s bus subscription',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly messagesStored = new Counter({
    name: 'chat_messages_stored_total',
    help: 'Chat messages committed by the group-commit writer',
    registers: [this.registry],
  });

  readonly messageBatchSize = new Histogram({
    name: 'chat_message_batch_size',
    help: 'Messages per group-commit transaction',
    buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500],
    registers: [this.registry],
  });

  readonly messageCommitWait = new Histogram({
    name: 'chat_message_commit_wait_seconds',
    help: 'From queueing to commit, for the oldest message of each group-commit transaction',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly rateLimited = new Counter({
    name: 'rate_limited_total',
    help: 'Requests and socket frames refused with RATE_LIMITED',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const probes = this.probes;
    new Gauge({
      name: 'realtime_sockets_open',
      help: 'WebSockets open on this instance',
      registers: [this.registry],
      collect() {
        this.set(probes.socketsOpen?.() ?? 0);
      },
    });
    new Gauge({
      name: 'realtime_bus_healthy',
      help: '1 while the event bus is connected and subscribed',
      registers: [this.registry],
      collect() {
        this.set(probes.busHealthy?.() === false ? 0 : 1);
      },
    });
    new Gauge({
      name: 'chat_messages_queued',
      help: 'Chat messages waiting for the group-commit writer (the server-side outbox)',
      registers: [this.registry],
      collect() {
        this.set(probes.messagesQueued?.() ?? 0);
      },
    });
    new Gauge({
      name: 'process_overloaded',
      help: '1 while this instance answers 503 to shed load (event loop delay or heap past its threshold)',
      registers: [this.registry],
      collect() {
        this.set(probes.overloaded?.() ? 1 : 0);
      },
    });
    new Gauge({
      name: 'db_pool_connections',
      help: 'PostgreSQL pool connections by state (total, idle, and clients waiting for one)',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const pool = probes.databasePool?.();
        if (!pool) return;
        this.set({ state: 'total' }, pool.total);
        this.set({ state: 'idle' }, pool.idle);
        this.set({ state: 'waiting' }, pool.waiting);
      },
    });
  }

  observeRequest(method: string, route: string, statusCode: number, seconds: number): void {
    this.httpDuration.observe({ method, route, status_class: `${Math.floor(statusCode / 100)}xx` }, seconds);
  }

  messageBatch(size: number, stored: number, oldestWaitMs: number): void {
    this.messageBatchSize.observe(size);
    this.messageCommitWait.observe(oldestWaitMs / 1000);
    this.messagesStored.inc(stored);
  }
}

/** The bus, counting what is published and timing what arrives. */
export function instrumentBus(bus: EventBus, metrics: Metrics): EventBus {
  metrics.probes.busHealthy = () => bus.healthy();
  bus.subscribe((message) => {
    if (message.kind !== 'events' || message.events.length === 0) return;
    const committed = Date.parse(message.events[0]!.createdAt);
    if (Number.isFinite(committed)) metrics.busLag.observe(Math.max(0, Date.now() - committed) / 1000);
  });
  return {
    publish(message: BusMessage) {
      if (message.kind === 'events') metrics.eventsPublished.inc({ kind: 'durable' }, message.events.length);
      else metrics.eventsPublished.inc({ kind: 'ephemeral' });
      return bus.publish(message);
    },
    subscribe: (listener) => bus.subscribe(listener),
    onResume: (listener) => bus.onResume(listener),
    healthy: () => bus.healthy(),
    close: () => bus.close(),
  };
}
