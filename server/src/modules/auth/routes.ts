import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { addressOf, byRequest } from '../../http/rate-limits.js';
import { problems } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { LoginBody, RefreshBody } from './schemas.js';
import { login, logout, refresh } from './service.js';
import { Type } from 'typebox';

export function authRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/auth/login',
    {
      config: { public: true },
      // Per address and account, so one attacker can neither lock out everyone behind a NAT nor
      // lock an account out for its owner elsewhere; plus a looser budget per address across accounts.
      preHandler: byRequest(ctx.limiter, (req) => {
        const { loginPerMinute } = ctx.config.rateLimits;
        const address = addressOf(req);
        const email = String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase();
        return [
          { key: `login:ip:${address}:${email}`, max: loginPerMinute },
          { key: `login:ip:${address}`, max: loginPerMinute * ctx.limiter.addressFactor },
        ];
      }),
      schema: {
        tags: ['auth'],
        operationId: 'login',
        summary: 'Log in with email and password',
        security: [],
        body: LoginBody,
        response: { 200: Type.Ref('AuthSession'), ...problems(400, 401, 413, 415, 429) },
      },
    },
    (request) => login(ctx, request.body.email, request.body.password),
  );

  app.post(
    '/auth/refresh',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        operationId: 'refreshSession',
        summary: 'Exchange a refresh token for new tokens (rotation)',
        description: 'A refresh token works once. Reusing one revokes its whole session.',
        security: [],
        body: RefreshBody,
        response: { 200: Type.Ref('AuthSession'), ...problems(400, 401, 413, 415) },
      },
    },
    (request) => refresh(ctx, request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        operationId: 'logout',
        summary: 'End the current session',
        description: 'Revokes the session of the access token and every refresh token of it.',
        response: { 204: Type.Null({ description: 'Logged out' }), ...problems(401) },
      },
    },
    async (request, reply) => {
      await logout(ctx, actorOf(request));
      return reply.status(204).send(null);
    },
  );
}
