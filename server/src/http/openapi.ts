import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Icebreaker API',
        version: '0.1.0',
        description:
          'Meet people nearby: share where you are, find who is around, invite, chat and rate. ' +
          'Errors are application/problem+json (RFC 9457) with a stable `code`.',
        license: { name: 'MIT', identifier: 'MIT' },
      },
      servers: [{ url: '/' }],
      tags: [
        { name: 'auth', description: 'Sessions and tokens' },
        { name: 'users', description: 'Profiles and settings' },
        { name: 'blocks', description: 'Blocking other users' },
        { name: 'locations', description: 'Positions and nearby search' },
        { name: 'chat', description: 'Chat rooms, messages and read pointers' },
        { name: 'activities', description: 'Activities, their participants and waitlist' },
        { name: 'invitations', description: 'Invitations to activities' },
        { name: 'connections', description: 'Collected name cards' },
        { name: 'ratings', description: 'Double-blind ratings after an activity' },
        { name: 'health', description: 'Liveness and readiness' },
        { name: 'realtime', description: 'The WebSocket at /ws and its tickets' },
      ],
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      },
      security: [{ bearerAuth: [] }],
    },
    // Shared schemas keep their own names in components.schemas.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, () => app.swagger());
}
