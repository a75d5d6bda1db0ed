import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { Page, problems } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import {
  ActivityCreateBody,
  ActivityParams,
  ActivitySchema,
  ActivityUpdateBody,
  ListActivitiesQuery,
  ListParticipantsQuery,
  ParticipantSchema,
  ParticipationSchema,
} from './schemas.js';
import {
  cancelActivity,
  createActivity,
  getActivity,
  joinActivity,
  leaveActivity,
  listActivities,
  listActivityParticipants,
  updateActivity,
} from './service.js';

const ActivityRef = Type.Ref('Activity');
const ParticipationRef = Type.Ref('ActivityParticipation');

export function activityRoutes(app: App, ctx: AppContext): void {
  for (const schema of [ActivitySchema, ParticipantSchema, ParticipationSchema]) app.addSchema(schema);

  app.post(
    '/activities/',
    {
      schema: {
        tags: ['activities'],
        operationId: 'createActivity',
        summary: 'Create an activity',
        description:
          'You take its first place (`currentParticipants` is 1). `creatorId` is you (optional). `endTime` must ' +
          'be after `startTime` and in the future (422). Give `latitude` and `longitude` together to be found ' +
          'by distance.',
        body: ActivityCreateBody,
        response: { 201: { ...ActivityRef, description: 'Created' }, ...problems(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request, reply) => reply.status(201).send(await createActivity(ctx, actorOf(request), request.body)),
  );

  app.get(
    '/activities/',
    {
      schema: {
        tags: ['activities'],
        operationId: 'listActivities',
        summary: 'Search activities',
        description:
          'Soonest first (by `startTime`, then id). By default only activities that are neither cancelled nor ' +
          'over. Filters combine: text, tags (any of), a time window, a distance from a point, creator, ' +
          'participant, and `mine` for those you created, joined or wait for. Activities of someone you blocked ' +
          'or who blocked you are left out.',
        querystring: ListActivitiesQuery,
        response: { 200: Page(ActivityRef, 'ActivityPage'), ...problems(400, 401) },
      },
    },
    (request) => listActivities(ctx, actorOf(request), request.query),
  );

  app.get(
    '/activities/:id',
    {
      schema: {
        tags: ['activities'],
        operationId: 'getActivity',
        summary: 'An activity',
        description: "Cancelled ones too (`isActive` false). A blocked pair get 404 for each other's activities.",
        params: ActivityParams,
        response: { 200: ActivityRef, ...problems(400, 401, 404) },
      },
    },
    (request) => getActivity(ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/activities/:id',
    {
      schema: {
        tags: ['activities'],
        operationId: 'updateActivity',
        summary: 'Change an activity',
        description:
          'Creator only (403 for others); the fields given change, the others stay. A cancelled or finished ' +
          'activity is 409 ACTIVITY_CLOSED. `maxParticipants` below the places taken is 409 ' +
          'CAPACITY_BELOW_PARTICIPANTS; a higher one gives the new places to the waitlist at once. Participants, ' +
          'the waitlist and pending invitees receive `activity.updated`.',
        params: ActivityParams,
        body: ActivityUpdateBody,
        response: { 200: ActivityRef, ...problems(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    (request) => updateActivity(ctx, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/activities/:id',
    {
      schema: {
        tags: ['activities'],
        operationId: 'cancelActivity',
        summary: 'Cancel an activity',
        description:
          'Creator only (403 for others). The activity stays readable with `isActive` false; participants and ' +
          'the waitlist receive `activity.cancelled`, and pending invitations to it are cancelled. Cancelling it ' +
          'again changes nothing.',
        params: ActivityParams,
        response: { 204: Type.Null({ description: 'Cancelled' }), ...problems(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await cancelActivity(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/activities/:id/join',
    {
      schema: {
        tags: ['activities'],
        operationId: 'joinActivity',
        summary: 'Join an activity',
        description:
          'Takes a free place, or puts you on the waitlist when it is full (`participant.status` WAITLISTED, ' +
          'with your position); the first in line gets the next place that frees up and receives ' +
          '`waitlist.promoted`. Joining again returns your place with 200. A cancelled or finished activity is ' +
          '409 ACTIVITY_CLOSED. Participants receive `participant.joined`.',
        params: ActivityParams,
        response: {
          200: { ...ParticipationRef, description: 'You already were there' },
          201: { ...ParticipationRef, description: 'Joined, or put on the waitlist' },
          ...problems(400, 401, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { participation, changed } = await joinActivity(ctx, actorOf(request), request.params.id);
      return reply.status(changed ? 201 : 200).send(participation);
    },
  );

  app.post(
    '/activities/:id/leave',
    {
      schema: {
        tags: ['activities'],
        operationId: 'leaveActivity',
        summary: 'Leave an activity',
        description:
          'Gives up your place (or your spot on the waitlist); the first in line takes the place in the same ' +
          'transaction. Not taking part is 409 NOT_PARTICIPANT; the creator cannot leave (422: cancel it ' +
          'instead). Participants receive `participant.left`.',
        params: ActivityParams,
        response: { 200: ActivityRef, ...problems(400, 401, 404, 409, 422) },
      },
    },
    (request) => leaveActivity(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/activities/:id/participants',
    {
      schema: {
        tags: ['activities'],
        operationId: 'listActivityParticipants',
        summary: 'Participants or waitlist of an activity',
        description:
          'JOINED participants in the order they got their place, or with `status=WAITLISTED` the waitlist in ' +
          'order, first in line first.',
        params: ActivityParams,
        querystring: ListParticipantsQuery,
        response: {
          200: Page(Type.Ref('ActivityParticipant'), 'ActivityParticipantPage'),
          ...problems(400, 401, 404),
        },
      },
    },
    (request) => listActivityParticipants(ctx, actorOf(request), request.params.id, request.query),
  );
}
