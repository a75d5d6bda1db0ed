import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { perUserAndAddress } from '../../http/rate-limits.js';
import { Page, problems } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { nearbyUsers } from './nearby.js';
import {
  BatchQuery,
  BatchResponse,
  HistoryParams,
  HistoryQuery,
  LocationCreateBody,
  LocationSchema,
  NearbyUserSchema,
  nearbyQuerySchema,
} from './schemas.js';
import { batchLocations, locationHistory, recordLocation } from './service.js';

export function locationRoutes(app: App, ctx: AppContext): void {
  const { locationsPerMinute, nearbyPerMinute } = ctx.config.rateLimits;
  // Limits are a cost for scrapers, not the privacy defence (that is the published cell).
  const fixLimit = perUserAndAddress(ctx.limiter, 'locations', locationsPerMinute);
  const batchLimit = perUserAndAddress(ctx.limiter, 'batch', nearbyPerMinute);
  const nearbyLimit = perUserAndAddress(ctx.limiter, 'nearby', nearbyPerMinute);

  app.post(
    '/locations/',
    {
      onRequest: fixLimit,
      schema: {
        tags: ['locations'],
        operationId: 'createLocation',
        summary: 'Record your position',
        description:
          'Stores the fix in your history and updates your position. Others only ever see your published ' +
          'cell (about 500 m), which moves only when a fix lies clearly outside it.',
        body: LocationCreateBody,
        response: { 201: LocationSchema, ...problems(400, 401, 403, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => reply.status(201).send(await recordLocation(ctx, actorOf(request), request.body)),
  );

  // A static segment: find-my-way matches it before `/locations/:user_id`.
  app.get(
    '/locations/batch',
    {
      onRequest: batchLimit,
      schema: {
        tags: ['locations'],
        operationId: 'batchLocations',
        summary: 'Published positions of several users',
        description:
          'For each listed user who shares their position with you (discoverable, distance not hidden, ' +
          'not blocked either way, or yourself): the centre of their published cell, never an exact position.',
        querystring: BatchQuery,
        response: { 200: BatchResponse, ...problems(400, 401, 429) },
      },
    },
    (request) => batchLocations(ctx, actorOf(request), request.query.userIds),
  );

  app.get(
    '/locations/:user_id',
    {
      schema: {
        tags: ['locations'],
        operationId: 'listLocations',
        summary: 'Your location history',
        description: 'Exact fixes, newest first. Only the owner may read them.',
        params: HistoryParams,
        querystring: HistoryQuery,
        response: { 200: Page(LocationSchema, 'LocationPage'), ...problems(400, 401, 403) },
      },
    },
    (request) => locationHistory(ctx, actorOf(request), request.params.user_id, request.query),
  );

  app.get(
    '/users/nearby',
    {
      onRequest: nearbyLimit,
      schema: {
        tags: ['locations'],
        operationId: 'nearbyUsers',
        summary: 'Users seen recently near you',
        description:
          'Around your last position, or a point close to it. Radius, order and distance all use cell ' +
          'centres; the distance is a bucket, null for users who hide it.',
        querystring: nearbyQuerySchema(ctx.config.nearby),
        response: { 200: Page(NearbyUserSchema, 'NearbyUserPage'), ...problems(400, 401, 422, 429) },
      },
    },
    (request) => nearbyUsers(ctx, actorOf(request), request.query),
  );
}
