import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { Page, problems } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { ConnectionCreateBody, ConnectionParams, ConnectionSchema, ListConnectionsQuery } from './schemas.js';
import { createConnection, deleteConnection, getConnection, listConnections } from './service.js';

const ConnectionRef = Type.Ref('Connection');

export function connectionRoutes(app: App, ctx: AppContext): void {
  app.addSchema(ConnectionSchema);

  app.post(
    '/connections/',
    {
      schema: {
        tags: ['connections'],
        operationId: 'createConnection',
        summary: "Collect someone's name card",
        description:
          'You must have met: a chat room you share, or an activity you have both joined (403 NOT_MET); with ' +
          '`meetingId`, that activity. Not yourself (422), not someone in a blocked pair with you (403), and ' +
          'once per person (409 ALREADY_CONNECTED). From then on you see their name card on their profile. ' +
          'They and you receive `connection.created`.',
        body: ConnectionCreateBody,
        response: {
          201: { ...ConnectionRef, description: 'Collected' },
          ...problems(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => reply.status(201).send(await createConnection(ctx, actorOf(request), request.body)),
  );

  app.get(
    '/connections/',
    {
      schema: {
        tags: ['connections'],
        operationId: 'listConnections',
        summary: 'The name cards you collected',
        description:
          "Newest first, each with the collected user's name card. Filter by part of their name. People in a " +
          'blocked pair with you are left out.',
        querystring: ListConnectionsQuery,
        response: { 200: Page(ConnectionRef, 'ConnectionPage'), ...problems(400, 401) },
      },
    },
    (request) => listConnections(ctx, actorOf(request), request.query),
  );

  app.get(
    '/connections/:id',
    {
      schema: {
        tags: ['connections'],
        operationId: 'getConnection',
        summary: 'A name card you collected',
        description: 'Only for its collector; to anyone else it does not exist (404).',
        params: ConnectionParams,
        response: { 200: ConnectionRef, ...problems(400, 401, 404) },
      },
    },
    (request) => getConnection(ctx, actorOf(request), request.params.id),
  );

  app.delete(
    '/connections/:id',
    {
      schema: {
        tags: ['connections'],
        operationId: 'deleteConnection',
        summary: 'Give a name card back',
        description:
          'Collector only (404 for anyone else). Their name card is hidden from you again. Your devices ' +
          'receive `connection.deleted`; the other person is not told.',
        params: ConnectionParams,
        response: { 204: Type.Null({ description: 'Deleted' }), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await deleteConnection(ctx, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
