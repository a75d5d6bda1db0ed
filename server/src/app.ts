import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import type { Database } from './db/database.js';
import { registerAuthentication } from './http/authenticate.js';
import { registerBodyParsers } from './http/body-parsers.js';
import { CursorSealer } from './http/cursor.js';
import { registerOverloadGuard } from './http/overload.js';
import { MemoryRateLimitStore, createRedisRateLimitStore } from './http/rate-limit-store.js';
import { RateLimiter } from './http/rate-limits.js';
import { registerOpenApi } from './http/openapi.js';
import { frameworkErrorProblem, registerProblemHandlers } from './http/problem-handler.js';
import { ProblemSchema } from './http/schemas.js';
import type { App } from './http/types.js';
import { buildValidatorCompiler } from './http/validation.js';
import { webApp } from './http/web-app.js';
import { systemClock, type Clock } from './lib/clock.js';
import { instrumentBus, Metrics } from './observability/metrics.js';
import { metricsRoutes } from './observability/routes.js';
import { InProcessBus, type EventBus } from './realtime/bus.js';
import { createRedisBus } from './realtime/redis-bus.js';
import { realtimeRoutes } from './realtime/gateway/routes.js';
import { MemoryPresenceTracker } from './realtime/presence/memory-tracker.js';
import { createRedisPresenceTracker } from './realtime/presence/redis-tracker.js';
import type { PresenceTracker } from './realtime/presence/tracker.js';
import { activityRoutes } from './modules/activities/routes.js';
import { AuthSessionSchema } from './modules/auth/schemas.js';
import { authRoutes } from './modules/auth/routes.js';
import { AccessTokens } from './modules/auth/tokens.js';
import { blockRoutes } from './modules/blocks/routes.js';
import { MessageWriter } from './modules/chat/message-writer.js';
import { chatRoutes } from './modules/chat/routes.js';
import { connectionRoutes } from './modules/connections/routes.js';
import { EventSweeper } from './modules/events/sweeper.js';
import { healthRoutes } from './modules/health/routes.js';
import { InvitationSweeper } from './modules/invitations/sweeper.js';
import { invitationRoutes } from './modules/invitations/routes.js';
import { locationRoutes } from './modules/locations/routes.js';
import { RatingSweeper } from './modules/ratings/sweeper.js';
import { ratingRoutes } from './modules/ratings/routes.js';
import { NameCardSchema, UserSchema } from './modules/users/schemas.js';
import { userRoutes } from './modules/users/routes.js';

export interface AppOptions {
  config: Config & { jwtSecret: string };
  database: Database;
  clock?: Clock;
  /** Defaults to the Redis bus when `redisUrl` is configured, else the in-process one. The app closes it. */
  bus?: EventBus;
  /** Like the bus: shared through Redis when `redisUrl` is configured, else this process's own. The app closes it. */
  presence?: PresenceTracker;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole HTTP app without listening; the entry point and the tests both use it. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config, database } = options;
  const clock = options.clock ?? systemClock;
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: () => randomUUID(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: frameworkErrorProblem,
    schemaController: { compilersFactory: { buildValidator: buildValidatorCompiler as never } },
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  const metrics = new Metrics();
  metrics.probes.databasePool = database.poolStats;
  const bus = instrumentBus(
    options.bus ?? (config.redisUrl ? await createRedisBus(config.redisUrl, app.log) : new InProcessBus()),
    metrics,
  );
  const limiter = new RateLimiter(
    config.redisUrl ? await createRedisRateLimitStore(config.redisUrl, app.log) : new MemoryRateLimitStore(),
    config.rateLimits.addressFactor,
    () => metrics.rateLimited.inc(),
  );
  const ctx: AppContext = {
    config,
    db: database.db,
    orderedScans: database.orderedScans,
    clock,
    tokens: new AccessTokens(config.jwtSecret, config.accessTokenTtlSeconds, clock),
    cursors: new CursorSealer(config.jwtSecret),
    bus,
    messages: new MessageWriter({ db: database.db, clock, bus }, undefined, (size, stored, waitedMs) =>
      metrics.messageBatch(size, stored, waitedMs),
    ),
    limiter,
    metrics,
    secret: config.jwtSecret,
  };
  metrics.probes.messagesQueued = () => ctx.messages.queued;

  // Hooks on every request take Fastify's callback form: an async one costs a promise and a microtask per request.
  app.addHook('onSend', (request, reply, payload, done) => {
    reply.header('x-request-id', request.id);
    done(null, payload);
  });
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(
      request.method,
      request.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
    done();
  });
  app.addHook('onClose', () => limiter.close());
  app.addHook('onClose', () => ctx.bus.close());
  // onClose hooks run last-registered first: queued messages are stored and announced before the bus goes.
  app.addHook('onClose', () => ctx.messages.close());
  // Before any route is added: it learns the API's paths as they are.
  const web = webApp(app, config.webDir);
  registerProblemHandlers(app, web?.fallback);
  registerBodyParsers(app);
  const load = registerOverloadGuard(app, config.overload);
  metrics.probes.overloaded = () => load.reason !== null;
  for (const schema of [ProblemSchema, NameCardSchema, UserSchema, AuthSessionSchema]) app.addSchema(schema);

  await app.register(helmet, { contentSecurityPolicy: false });
  // Without granted origins the plugin would only spend a hook on every request to add nothing.
  if (config.corsOrigins.length > 0) await app.register(cors, { origin: config.corsOrigins, credentials: false });
  await registerOpenApi(app);
  registerAuthentication(app, ctx.tokens);

  healthRoutes(app, ctx);
  metricsRoutes(app, metrics, config.metricsToken);
  authRoutes(app, ctx);
  userRoutes(app, ctx);
  blockRoutes(app, ctx);
  locationRoutes(app, ctx);
  chatRoutes(app, ctx);
  activityRoutes(app, ctx);
  invitationRoutes(app, ctx);
  connectionRoutes(app, ctx);
  ratingRoutes(app, ctx);
  const presence =
    options.presence ??
    (config.redisUrl
      ? await createRedisPresenceTracker(config.redisUrl, app.log, { heartbeatMs: config.websocket.heartbeatMs })
      : new MemoryPresenceTracker(clock));
  await realtimeRoutes(app, ctx, presence);
  await web?.register();
  metrics.probes.socketsOpen = () => app.websocketServer.clients.size;

  const sweeper = new EventSweeper(ctx, app.log);
  app.addHook('onReady', async () => sweeper.start());
  app.addHook('onClose', () => sweeper.stop());
  const invitationSweeper = new InvitationSweeper(ctx, app.log);
  app.addHook('onReady', async () => invitationSweeper.start());
  // Before the onClose hooks close the bus: a pass in flight publishes its events.
  app.addHook('preClose', () => invitationSweeper.stop());
  const ratingSweeper = new RatingSweeper(ctx, app.log);
  app.addHook('onReady', async () => ratingSweeper.start());
  app.addHook('preClose', () => ratingSweeper.stop());

  await app.ready();
  return app;
}
