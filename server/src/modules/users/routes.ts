import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { addressOf, byRequest } from '../../http/rate-limits.js';
import { IdParams, Page, problems } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { ListUsersQuery, RegisterBody, UpdateMeBody } from './schemas.js';
import { getUser, register, searchUsers, updateMe } from './service.js';

const UserRef = Type.Ref('User');

export function userRoutes(app: App, ctx: AppContext): void {
  app.post(
    '/users/',
    {
      config: { public: true },
      onRequest: byRequest(ctx.limiter, (req) => [
        { key: `register:ip:${addressOf(req)}`, max: ctx.config.rateLimits.registerPerMinute },
      ]),
      schema: {
        tags: ['users'],
        operationId: 'registerUser',
        summary: 'Register',
        description: 'Creates an account and returns it with a new session.',
        security: [],
        body: RegisterBody,
        response: { 201: Type.Ref('AuthSession'), ...problems(400, 409, 413, 415, 429) },
      },
    },
    async (request, reply) => reply.status(201).send(await register(ctx, request.body)),
  );

  app.get(
    '/users/',
    {
      schema: {
        tags: ['users'],
        operationId: 'listUsers',
        summary: 'List users',
        description: 'Filter by name, interest or ids; newest first.',
        querystring: ListUsersQuery,
        response: { 200: Page(UserRef, 'UserPage'), ...problems(400, 401) },
      },
    },
    (request) => searchUsers(ctx, actorOf(request), request.query),
  );

  app.get(
    '/users/me',
    {
      schema: {
        tags: ['users'],
        operationId: 'getMe',
        summary: 'Your own profile',
        response: { 200: UserRef, ...problems(401) },
      },
    },
    (request) => getUser(ctx, actorOf(request), actorOf(request).userId),
  );

  app.patch(
    '/users/me',
    {
      schema: {
        tags: ['users'],
        operationId: 'updateMe',
        summary: 'Update your profile and settings',
        body: UpdateMeBody,
        response: { 200: UserRef, ...problems(400, 401, 413, 415) },
      },
    },
    (request) => updateMe(ctx, actorOf(request), request.body),
  );

  app.get(
    '/users/:id',
    {
      schema: {
        tags: ['users'],
        operationId: 'getUser',
        summary: 'A user profile',
        params: IdParams,
        response: { 200: UserRef, ...problems(400, 401, 404) },
      },
    },
    (request) => getUser(ctx, actorOf(request), request.params.id),
  );
}
