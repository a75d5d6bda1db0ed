import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { problems } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { ListRatingsQuery, RatingCreateBody, RatingSchema, UserRatingsParams, UserRatingsSchema } from './schemas.js';
import { listUserRatings, rateUser } from './service.js';

const RatingRef = Type.Ref('Rating');

export function ratingRoutes(app: App, ctx: AppContext): void {
  app.addSchema(RatingSchema);

  app.post(
    '/ratings/',
    {
      schema: {
        tags: ['ratings'],
        operationId: 'rateUser',
        summary: 'Rate someone after an activity',
        description:
          'You and they must both have joined the activity (`meetingId`; 403 NOT_MET), which must have started ' +
          '(409 ACTIVITY_NOT_STARTED) and not be cancelled (409 ACTIVITY_CLOSED). Once per person and activity ' +
          '(409 ALREADY_RATED); not yourself (422), not someone in a blocked pair with you (403). ' +
          'Double-blind: the rating stays hidden from them and everyone else (`pending`) until they rate you ' +
          'back for the same activity or the blind period (14 days by default) ends. If they had rated you, ' +
          'both ratings become visible now and each of you receives `rating.received`; otherwise they receive ' +
          'it when the blind period ends. Once their rating of you has become visible that way, you can no ' +
          'longer rate them for that activity (409 RATING_CLOSED).',
        body: RatingCreateBody,
        response: {
          201: { ...RatingRef, description: 'Rated' },
          ...problems(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => reply.status(201).send(await rateUser(ctx, actorOf(request), request.body)),
  );

  app.get(
    '/ratings/user/:userId',
    {
      schema: {
        tags: ['ratings'],
        operationId: 'listUserRatings',
        summary: "A user's ratings",
        description:
          'The visible ratings of the user, newest first, with their average, count and distribution of ' +
          'stars. Your own ratings of them that are still hidden are listed too, marked `pending`, and not ' +
          'counted. A user who blocked you is not found (404).',
        params: UserRatingsParams,
        querystring: ListRatingsQuery,
        response: { 200: UserRatingsSchema, ...problems(400, 401, 404) },
      },
    },
    (request) => listUserRatings(ctx, actorOf(request), request.params.userId, request.query),
  );
}
