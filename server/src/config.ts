import { fileURLToPath } from 'node:url';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

/**
 * Every setting comes from the environment, is validated once at boot and
 * reaches the rest of the code as this typed object.
 */
const EnvSchema = Type.Object({
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  HOST: Type.String({ default: '0.0.0.0' }),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^postgres(ql)?://' })),
  DATABASE_POOL_SIZE: Type.Integer({ minimum: 1, maximum: 200, default: 10 }),
  DATABASE_POOL_IDLE_SECONDS: Type.Integer({ minimum: 1, default: 300 }),
  DATABASE_PREPARED_STATEMENTS: Type.Boolean({ default: true }),
  DATA_DIR: Type.String({ minLength: 1, default: './data' }),
  WEB_DIR: Type.Optional(Type.String({ minLength: 1 })),
  REDIS_URL: Type.Optional(Type.String({ pattern: '^rediss?://' })),
  JWT_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
    { default: 'info' },
  ),
  CORS_ORIGINS: Type.String({ default: '' }),
  TRUST_PROXY: Type.Boolean({ default: false }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 65_536 }),
  ACCESS_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 30, default: 900 }),
  REFRESH_TOKEN_TTL_SECONDS: Type.Integer({ minimum: 60, default: 30 * 24 * 3600 }),
  RATE_LIMIT_LOGIN_PER_MINUTE: Type.Integer({ minimum: 1, default: 10 }),
  RATE_LIMIT_REGISTER_PER_MINUTE: Type.Integer({ minimum: 1, default: 20 }),
  RATE_LIMIT_LOCATIONS_PER_MINUTE: Type.Integer({ minimum: 1, default: 60 }),
  RATE_LIMIT_NEARBY_PER_MINUTE: Type.Integer({ minimum: 1, default: 120 }),
  RATE_LIMIT_INVITATIONS_PER_MINUTE: Type.Integer({ minimum: 1, default: 30 }),
  RATE_LIMIT_MESSAGES_PER_MINUTE: Type.Integer({ minimum: 1, default: 120 }),
  RATE_LIMIT_ADDRESS_FACTOR: Type.Integer({ minimum: 1, default: 10 }),
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: Type.Integer({ minimum: 0, default: 1000 }),
  OVERLOAD_MAX_HEAP_USED_BYTES: Type.Optional(Type.Integer({ minimum: 0 })),
  OVERLOAD_RETRY_AFTER_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 10 }),
  METRICS_TOKEN: Type.Optional(Type.String({ minLength: 16 })),
  NEARBY_RECENT_MINUTES: Type.Integer({ minimum: 1, default: 60 }),
  NEARBY_DEFAULT_RADIUS_METERS: Type.Integer({ minimum: 100, default: 5000 }),
  NEARBY_MAX_RADIUS_METERS: Type.Integer({ minimum: 100, default: 50_000 }),
  NEARBY_MAX_QUERY_OFFSET_METERS: Type.Integer({ minimum: 100, default: 1000 }),
  LOCATION_MAX_SPEED_MPS: Type.Number({ exclusiveMinimum: 0, default: 350 }),
  WS_AUTH_TIMEOUT_SECONDS: Type.Number({ exclusiveMinimum: 0, maximum: 300, default: 5 }),
  WS_HEARTBEAT_SECONDS: Type.Number({ exclusiveMinimum: 0, maximum: 3600, default: 30 }),
  WS_FRAMES_PER_SECOND: Type.Number({ exclusiveMinimum: 0, default: 20 }),
  WS_FRAME_BURST: Type.Optional(Type.Integer({ minimum: 1 })),
  WS_SEND_BUFFER_BYTES: Type.Integer({ minimum: 1024, default: 1024 * 1024 }),
  WS_MAX_SOCKETS_PER_USER: Type.Integer({ minimum: 1, default: 10 }),
  EVENT_RETENTION_HOURS: Type.Number({ exclusiveMinimum: 0, default: 168 }),
  EVENT_PRUNE_INTERVAL_SECONDS: Type.Number({ minimum: 1, default: 300 }),
  INVITATION_TTL_HOURS: Type.Number({ exclusiveMinimum: 0, default: 24 }),
  INVITATION_SWEEP_SECONDS: Type.Number({ minimum: 1, default: 30 }),
  RATING_BLIND_DAYS: Type.Number({ exclusiveMinimum: 0, maximum: 365, default: 14 }),
  RATING_SWEEP_SECONDS: Type.Number({ minimum: 1, default: 60 }),
});

export interface Config {
  port: number;
  host: string;
  /** Absent: embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  databasePoolSize: number;
  /**
   * How long a pooled PostgreSQL connection stays open unused. Opening one
   * costs PostgreSQL a process and cold caches, and its first queries are
   * slow: a busy server should not close and reopen them every few seconds.
   */
  databasePoolIdleSeconds: number;
  /**
   * Statements with parameters run as named prepared statements, each parsed
   * and planned once per connection. Off behind a pooler in transaction mode
   * that cannot keep them (PgBouncer before 1.21, or without
   * `max_prepared_statements`).
   */
  databasePreparedStatements: boolean;
  dataDir: string;
  /** The built web app, served at `/` when it holds an index.html. */
  webDir: string;
  redisUrl: string | undefined;
  /** Absent only in embedded mode, where the entry point generates and keeps one. */
  jwtSecret: string | undefined;
  logLevel: string;
  corsOrigins: string[];
  trustProxy: boolean;
  bodyLimitBytes: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  rateLimits: {
    loginPerMinute: number;
    registerPerMinute: number;
    locationsPerMinute: number;
    nearbyPerMinute: number;
    /** Invitations created, accepted, declined or cancelled. */
    invitationsPerMinute: number;
    /** Chat messages, over REST and the socket together. */
    messagesPerMinute: number;
    /** An address gets this many times an account's budget: many people can share one. */
    addressFactor: number;
  };
  /** Past either threshold the process answers 503 (except health and metrics) instead of falling over; 0 turns one off. */
  overload: {
    maxEventLoopDelayMs: number;
    /** Absent: 90% of the V8 heap limit. */
    maxHeapUsedBytes: number | undefined;
    retryAfterSeconds: number;
  };
  /** Absent: `/metrics` answers only local connections that did not come through a proxy. */
  metricsToken: string | undefined;
  nearby: { recentMinutes: number; defaultRadiusMeters: number; maxRadiusMeters: number; maxQueryOffsetMeters: number };
  locationMaxSpeedMps: number;
  /** The WebSocket gateway's timers and per-socket limits. */
  websocket: {
    authTimeoutMs: number;
    heartbeatMs: number;
    /** Sustained client frames per second per socket, and the burst allowed above it. */
    framesPerSecond: number;
    frameBurst: number;
    /** Bytes queued for a slow client before its ephemeral frames are dropped and then it is closed. */
    sendBufferBytes: number;
    /** Past it, the user's oldest socket is closed. */
    maxSocketsPerUser: number;
  };
  /** Durable events are kept this long; older cursors get `resync.required`. */
  events: { retentionHours: number; pruneIntervalMs: number };
  /** A pending invitation expires after `ttlHours` (or at its activity's start); each instance sweeps expired ones every `sweepIntervalMs`. */
  invitations: { ttlHours: number; sweepIntervalMs: number };
  /**
   * A rating stays hidden from everyone but its rater for `blindDays`, unless
   * the rated user rates back sooner; each instance announces the ratings
   * whose blind period ended every `sweepIntervalMs`.
   */
  ratings: { blindDays: number; sweepIntervalMs: number };
}

export class ConfigError extends Error {}

/** The web app's build beside the server package (the same from `src/` and `dist/`). */
const defaultWebDir = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** "must be one of a, b, c" for a setting that is a choice, rather than one error per choice. */
function allowedValues(key: string): string | undefined {
  const schema = (EnvSchema.properties as Record<string, { anyOf?: { const?: unknown }[] }>)[key];
  const choices = schema?.anyOf?.map((option) => option.const).filter((c) => c !== undefined);
  return choices?.length ? `must be one of ${choices.join(', ')}` : undefined;
}

type Env = Static<typeof EnvSchema>;

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.properties)) {
    const value = source[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  // A copy: defaulting and conversion work in place, and `raw` keeps the text as written.
  const env = Value.Convert(EnvSchema, Value.Default(EnvSchema, { ...raw })) as Record<string, unknown>;
  // Setting by setting, one message each: errors over the whole object are capped,
  // and the choices of one bad setting alone can fill the cap.
  const problems = new Map<string, string>();
  for (const [key, schema] of Object.entries(EnvSchema.properties)) {
    const text = raw[key];
    // Conversion would silently truncate "3.5" to 3.
    if ((schema as { type?: unknown }).type === 'integer' && text !== undefined && !/^\s*-?\d+\s*$/.test(text)) {
      problems.set(key, `${key} must be an integer`);
      continue;
    }
    const [error] = env[key] === undefined ? [] : Value.Errors(schema, env[key]);
    if (error) problems.set(key, `${key} ${allowedValues(key) ?? error.message}`);
  }
  if (problems.size > 0) throw new ConfigError(`Invalid configuration: ${[...problems.values()].join('; ')}`);
  const e = env as Env;
  if (e.DATABASE_URL && !e.JWT_SECRET) {
    throw new ConfigError('Invalid configuration: JWT_SECRET (at least 32 characters) is required with DATABASE_URL');
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    databasePoolIdleSeconds: e.DATABASE_POOL_IDLE_SECONDS,
    databasePreparedStatements: e.DATABASE_PREPARED_STATEMENTS,
    dataDir: e.DATA_DIR,
    webDir: e.WEB_DIR ?? defaultWebDir,
    redisUrl: e.REDIS_URL,
    jwtSecret: e.JWT_SECRET,
    logLevel: e.LOG_LEVEL,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    trustProxy: e.TRUST_PROXY,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    accessTokenTtlSeconds: e.ACCESS_TOKEN_TTL_SECONDS,
    refreshTokenTtlSeconds: e.REFRESH_TOKEN_TTL_SECONDS,
    rateLimits: {
      loginPerMinute: e.RATE_LIMIT_LOGIN_PER_MINUTE,
      registerPerMinute: e.RATE_LIMIT_REGISTER_PER_MINUTE,
      locationsPerMinute: e.RATE_LIMIT_LOCATIONS_PER_MINUTE,
      nearbyPerMinute: e.RATE_LIMIT_NEARBY_PER_MINUTE,
      invitationsPerMinute: e.RATE_LIMIT_INVITATIONS_PER_MINUTE,
      messagesPerMinute: e.RATE_LIMIT_MESSAGES_PER_MINUTE,
      addressFactor: e.RATE_LIMIT_ADDRESS_FACTOR,
    },
    overload: {
      maxEventLoopDelayMs: e.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: e.OVERLOAD_MAX_HEAP_USED_BYTES,
      retryAfterSeconds: e.OVERLOAD_RETRY_AFTER_SECONDS,
    },
    metricsToken: e.METRICS_TOKEN,
    nearby: {
      recentMinutes: e.NEARBY_RECENT_MINUTES,
      defaultRadiusMeters: e.NEARBY_DEFAULT_RADIUS_METERS,
      maxRadiusMeters: e.NEARBY_MAX_RADIUS_METERS,
      maxQueryOffsetMeters: e.NEARBY_MAX_QUERY_OFFSET_METERS,
    },
    locationMaxSpeedMps: e.LOCATION_MAX_SPEED_MPS,
    websocket: {
      authTimeoutMs: Math.round(e.WS_AUTH_TIMEOUT_SECONDS * 1000),
      heartbeatMs: Math.round(e.WS_HEARTBEAT_SECONDS * 1000),
      framesPerSecond: e.WS_FRAMES_PER_SECOND,
      frameBurst: e.WS_FRAME_BURST ?? Math.max(1, Math.ceil(e.WS_FRAMES_PER_SECOND * 2)),
      sendBufferBytes: e.WS_SEND_BUFFER_BYTES,
      maxSocketsPerUser: e.WS_MAX_SOCKETS_PER_USER,
    },
    events: {
      retentionHours: e.EVENT_RETENTION_HOURS,
      pruneIntervalMs: Math.round(e.EVENT_PRUNE_INTERVAL_SECONDS * 1000),
    },
    invitations: {
      ttlHours: e.INVITATION_TTL_HOURS,
      sweepIntervalMs: Math.round(e.INVITATION_SWEEP_SECONDS * 1000),
    },
    ratings: {
      blindDays: e.RATING_BLIND_DAYS,
      sweepIntervalMs: Math.round(e.RATING_SWEEP_SECONDS * 1000),
    },
  };
}
