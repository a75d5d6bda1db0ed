import { sql } from 'kysely';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { sendProblem } from '../../http/problem-handler.js';
import { problems } from '../../http/schemas.js';
import type { App } from '../../http/types.js';

const Status = Type.Object(
  { status: Type.String(), checks: Type.Optional(Type.Record(Type.String(), Type.String())) },
  { title: 'HealthStatus' },
);

export function healthRoutes(app: App, ctx: AppContext): void {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        operationId: 'health',
        summary: 'Liveness: the process is up',
        security: [],
        response: { 200: Status },
      },
    },
    () => ({ status: 'ok' }),
  );

  app.get(
    '/ready',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        operationId: 'ready',
        summary: 'Readiness: the database and the event bus answer',
        security: [],
        response: { 200: Status, ...problems(503) },
      },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(ctx.db);
      } catch (error) {
        reply.log.warn({ err: error }, 'readiness check failed');
        return sendProblem(reply, 'SERVICE_UNAVAILABLE', 'The database is not reachable');
      }
      if (!ctx.bus.healthy()) return sendProblem(reply, 'SERVICE_UNAVAILABLE', 'The event bus is not reachable');
      return { status: 'ok', checks: { database: 'ok', bus: 'ok' } };
    },
  );
}
