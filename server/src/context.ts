import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { DB } from './db/schema.js';
import type { CursorSealer } from './http/cursor.js';
import type { RateLimiter } from './http/rate-limits.js';
import type { Clock } from './lib/clock.js';
import type { AccessTokens } from './modules/auth/tokens.js';
import type { MessageWriter } from './modules/chat/message-writer.js';
import type { Metrics } from './observability/metrics.js';
import type { EventBus } from './realtime/bus.js';

/** What every module's service needs, passed in rather than imported. */
export interface AppContext {
  config: Config;
  db: Kysely<DB>;
  /** PostgreSQL's ordered-scan pool (see `Database.orderedScans`); undefined for PGlite. */
  orderedScans: Kysely<DB> | undefined;
  clock: Clock;
  tokens: AccessTokens;
  cursors: CursorSealer;
  /** Carries real-time events to the sockets of every instance. */
  bus: EventBus;
  /** Stores chat messages by group commit. */
  messages: MessageWriter;
  /** Per-minute budgets against abuse, shared by every instance through Redis when configured. */
  limiter: RateLimiter;
  metrics: Metrics;
  /** Keyed by the server secret: for values that must be stable but unguessable. */
  secret: string;
}
