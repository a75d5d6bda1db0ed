import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { perUserAndAddress } from '../../http/rate-limits.js';
import { Page, problems } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import {
  IdempotencyHeaders,
  InvitationCreateBody,
  InvitationParams,
  InvitationSchema,
  ListInvitationsQuery,
} from './schemas.js';
import {
  acceptInvitation,
  cancelInvitation,
  createInvitation,
  declineInvitation,
  getInvitation,
  listInvitations,
} from './service.js';

const InvitationRef = Type.Ref('Invitation');

export function invitationRoutes(app: App, ctx: AppContext): void {
  app.addSchema(InvitationSchema);
  const { invitationsPerMinute } = ctx.config.rateLimits;
  const createLimit = perUserAndAddress(ctx.limiter, 'invitations', invitationsPerMinute);
  const answerLimit = perUserAndAddress(ctx.limiter, 'invitation-answers', invitationsPerMinute);

  app.post(
    '/invitations/',
    {
      onRequest: createLimit,
      schema: {
        tags: ['invitations'],
        operationId: 'createInvitation',
        summary: 'Invite someone to an activity',
        description:
          'You must have joined the activity (403 otherwise), and it must be open (409 ACTIVITY_CLOSED). The ' +
          'receiver must exist (404), not be you (422), not be in a blocked pair with you (403) and not have ' +
          'joined already (409 ALREADY_PARTICIPANT). One pending invitation per sender, receiver and activity ' +
          '(409 ALREADY_INVITED). It expires at the earlier of its lifetime (24 h by default) and the ' +
          "activity's start. Both of you receive `invitation.created`.",
        headers: IdempotencyHeaders,
        body: InvitationCreateBody,
        response: {
          200: { ...InvitationRef, description: 'Already sent with this Idempotency-Key' },
          201: { ...InvitationRef, description: 'Sent' },
          ...problems(400, 401, 403, 404, 409, 413, 415, 422, 429),
        },
      },
    },
    async (request, reply) => {
      const { invitation, created } = await createInvitation(
        ctx,
        actorOf(request),
        request.body,
        request.headers['idempotency-key'],
      );
      return reply.status(created ? 201 : 200).send(invitation);
    },
  );

  app.get(
    '/invitations/',
    {
      schema: {
        tags: ['invitations'],
        operationId: 'listInvitations',
        summary: 'Your invitations, sent and received',
        description:
          'Newest first. Filter by `role` (sent or received) and `status`; a pending invitation past its ' +
          'expiry is EXPIRED here as everywhere.',
        querystring: ListInvitationsQuery,
        response: { 200: Page(InvitationRef, 'InvitationPage'), ...problems(400, 401) },
      },
    },
    (request) => listInvitations(ctx, actorOf(request), request.query),
  );

  app.get(
    '/invitations/:id',
    {
      schema: {
        tags: ['invitations'],
        operationId: 'getInvitation',
        summary: 'An invitation',
        description: 'Only for its sender and receiver; to anyone else it does not exist (404).',
        params: InvitationParams,
        response: { 200: InvitationRef, ...problems(400, 401, 404) },
      },
    },
    (request) => getInvitation(ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/invitations/:id/accept',
    {
      onRequest: answerLimit,
      schema: {
        tags: ['invitations'],
        operationId: 'acceptInvitation',
        summary: 'Accept an invitation',
        description:
          'Receiver only (403 for the sender, 404 for anyone else). In one transaction: the invitation must be ' +
          'pending (409 INVITATION_NOT_PENDING) and unexpired (409 INVITATION_EXPIRED); you take a place in ' +
          "the activity (409 ACTIVITY_FULL if there is none); the pair's chat room is opened, or the one you " +
          'share reused, and its id set as `chatRoomId`. Nothing changes when any step fails. Accepting again ' +
          'returns the accepted invitation. Both of you receive `invitation.updated`.',
        params: InvitationParams,
        response: { 200: InvitationRef, ...problems(400, 401, 403, 404, 409, 429) },
      },
    },
    (request) => acceptInvitation(ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/invitations/:id/decline',
    {
      onRequest: answerLimit,
      schema: {
        tags: ['invitations'],
        operationId: 'declineInvitation',
        summary: 'Decline an invitation',
        description:
          'Receiver only (403 for the sender, 404 for anyone else); it must be pending and unexpired (409). ' +
          'Declining again returns it unchanged. Both of you receive `invitation.updated`.',
        params: InvitationParams,
        response: { 200: InvitationRef, ...problems(400, 401, 403, 404, 409, 429) },
      },
    },
    (request) => declineInvitation(ctx, actorOf(request), request.params.id),
  );

  app.put(
    '/invitations/:id/cancel',
    {
      onRequest: answerLimit,
      schema: {
        tags: ['invitations'],
        operationId: 'cancelInvitation',
        summary: 'Cancel an invitation you sent',
        description:
          'Sender only (403 for the receiver, 404 for anyone else); it must be pending and unexpired (409). ' +
          'Cancelling again returns it unchanged. Both of you receive `invitation.updated`.',
        params: InvitationParams,
        response: { 200: InvitationRef, ...problems(400, 401, 403, 404, 409, 429) },
      },
    },
    (request) => cancelInvitation(ctx, actorOf(request), request.params.id),
  );
}
