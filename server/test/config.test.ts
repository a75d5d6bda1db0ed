import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const secret = 's'.repeat(32);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('loadConfig defaults', () => {
  it('runs embedded with safe defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      databasePoolSize: 10,
      databasePoolIdleSeconds: 300,
      databasePreparedStatements: true,
      dataDir: './data',
      webDir: expect.stringMatching(/web[\\/]dist$/),
      redisUrl: undefined,
      jwtSecret: undefined,
      logLevel: 'info',
      corsOrigins: [],
      trustProxy: false,
      bodyLimitBytes: 65_536,
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 30 * 24 * 3600,
      rateLimits: {
        loginPerMinute: 10,
        registerPerMinute: 20,
        locationsPerMinute: 60,
        nearbyPerMinute: 120,
        invitationsPerMinute: 30,
        messagesPerMinute: 120,
        addressFactor: 10,
      },
      overload: { maxEventLoopDelayMs: 1000, maxHeapUsedBytes: undefined, retryAfterSeconds: 10 },
      metricsToken: undefined,
      nearby: { recentMinutes: 60, defaultRadiusMeters: 5000, maxRadiusMeters: 50_000, maxQueryOffsetMeters: 1000 },
      locationMaxSpeedMps: 350,
      websocket: {
        authTimeoutMs: 5_000,
        heartbeatMs: 30_000,
        framesPerSecond: 20,
        frameBurst: 40,
        sendBufferBytes: 1024 * 1024,
        maxSocketsPerUser: 10,
      },
      events: { retentionHours: 168, pruneIntervalMs: 300_000 },
      invitations: { ttlHours: 24, sweepIntervalMs: 30_000 },
      ratings: { blindDays: 14, sweepIntervalMs: 60_000 },
    });
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '', JWT_SECRET: '' })).toMatchObject({ port: 3000, jwtSecret: undefined });
  });

  it('reads the process environment when given no source', () => {
    vi.stubEnv('DATABASE_URL', '');
    vi.stubEnv('PORT', '4321');
    vi.stubEnv('LOG_LEVEL', 'warn');
    expect(loadConfig()).toMatchObject({ port: 4321, logLevel: 'warn' });
  });
});

describe('loadConfig parsing', () => {
  it('parses numbers', () => {
    const config = loadConfig({
      PORT: '8080',
      BODY_LIMIT_BYTES: '2048',
      RATE_LIMIT_LOGIN_PER_MINUTE: '3',
      NEARBY_MAX_RADIUS_METERS: '20000',
      LOCATION_MAX_SPEED_MPS: '12.5',
    });
    expect(config).toMatchObject({
      port: 8080,
      bodyLimitBytes: 2048,
      rateLimits: { loginPerMinute: 3 },
      nearby: { maxRadiusMeters: 20_000 },
      locationMaxSpeedMps: 12.5,
    });
  });

  it('reads the WebSocket limits and event retention, in seconds, as milliseconds', () => {
    const config = loadConfig({
      WS_AUTH_TIMEOUT_SECONDS: '2',
      WS_HEARTBEAT_SECONDS: '0.5',
      WS_FRAMES_PER_SECOND: '5',
      WS_SEND_BUFFER_BYTES: '4096',
      WS_MAX_SOCKETS_PER_USER: '3',
      EVENT_RETENTION_HOURS: '24',
      EVENT_PRUNE_INTERVAL_SECONDS: '60',
    });
    expect(config.websocket).toEqual({
      authTimeoutMs: 2_000,
      heartbeatMs: 500,
      framesPerSecond: 5,
      frameBurst: 10,
      sendBufferBytes: 4096,
      maxSocketsPerUser: 3,
    });
    expect(config.events).toEqual({ retentionHours: 24, pruneIntervalMs: 60_000 });
    expect(loadConfig({ WS_FRAMES_PER_SECOND: '5', WS_FRAME_BURST: '7' }).websocket.frameBurst).toBe(7);
  });

  it('reads the rating blind period in days and the rating sweep in seconds', () => {
    expect(loadConfig({ RATING_BLIND_DAYS: '0.5', RATING_SWEEP_SECONDS: '5' }).ratings).toEqual({
      blindDays: 0.5,
      sweepIntervalMs: 5_000,
    });
    expect(() => loadConfig({ RATING_BLIND_DAYS: '0' })).toThrow(ConfigError);
  });

  it.each([
    ['true', true],
    ['false', false],
  ])('parses TRUST_PROXY=%s as %s', (value, expected) => {
    expect(loadConfig({ TRUST_PROXY: value }).trustProxy).toBe(expected);
  });

  it('splits CORS_ORIGINS on commas, trimming and dropping empty entries', () => {
    expect(loadConfig({ CORS_ORIGINS: ' https://a.example.com , https://b.example.com,,' }).corsOrigins).toEqual([
      'https://a.example.com',
      'https://b.example.com',
    ]);
  });

  it('serves the web app from WEB_DIR, or from the build beside the server package', () => {
    expect(loadConfig({ WEB_DIR: '/srv/icebreaker/web' }).webDir).toBe('/srv/icebreaker/web');
    expect(loadConfig({}).webDir).toMatch(/web[\\/]dist$/);
  });

  it('accepts PostgreSQL with a long enough JWT_SECRET', () => {
    const config = loadConfig({ DATABASE_URL: 'postgresql://db.internal/icebreaker', JWT_SECRET: secret });
    expect(config).toMatchObject({ databaseUrl: 'postgresql://db.internal/icebreaker', jwtSecret: secret });
  });
});

describe('loadConfig refusals', () => {
  const refusal = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    throw new Error(`accepted ${JSON.stringify(env)}`);
  };

  it.each([
    ['abc', 'PORT must be an integer'],
    ['3.5', 'PORT must be an integer'],
    ['70000', 'PORT must be <= 65535'],
    ['-1', 'PORT must be >= 0'],
  ])('refuses PORT=%s', (port, message) => {
    expect(refusal({ PORT: port })).toBe(`Invalid configuration: ${message}`);
  });

  it('refuses DATABASE_URL without JWT_SECRET', () => {
    expect(refusal({ DATABASE_URL: 'postgres://db.internal/icebreaker' })).toBe(
      'Invalid configuration: JWT_SECRET (at least 32 characters) is required with DATABASE_URL',
    );
  });

  it('refuses a JWT_SECRET shorter than 32 characters', () => {
    expect(refusal({ JWT_SECRET: 's'.repeat(31) })).toMatch(/^Invalid configuration: JWT_SECRET .*32 characters/);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    expect(refusal({ DATABASE_URL: 'mysql://db.internal/x', JWT_SECRET: secret })).toMatch(/DATABASE_URL must match/);
  });

  it('refuses a TRUST_PROXY that is not a boolean', () => {
    expect(refusal({ TRUST_PROXY: 'yes' })).toBe('Invalid configuration: TRUST_PROXY must be boolean');
  });

  it.each([
    [{ WS_SEND_BUFFER_BYTES: '100' }, 'WS_SEND_BUFFER_BYTES must be >= 1024'],
    [{ WS_MAX_SOCKETS_PER_USER: '0' }, 'WS_MAX_SOCKETS_PER_USER must be >= 1'],
    [{ WS_FRAME_BURST: '1.5' }, 'WS_FRAME_BURST must be an integer'],
    [{ EVENT_RETENTION_HOURS: '0' }, 'EVENT_RETENTION_HOURS must be > 0'],
  ])('refuses %o', (env, message) => {
    expect(refusal(env)).toBe(`Invalid configuration: ${message}`);
  });

  it('names the allowed log levels', () => {
    expect(refusal({ LOG_LEVEL: 'loud' })).toBe(
      'Invalid configuration: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    );
  });

  it('reports every wrong setting at once, one message each', () => {
    expect(refusal({ PORT: 'x', BODY_LIMIT_BYTES: '10', LOG_LEVEL: 'loud' })).toBe(
      'Invalid configuration: PORT must be an integer; ' +
        'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent; BODY_LIMIT_BYTES must be >= 1024',
    );
  });
});
