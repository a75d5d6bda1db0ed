import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { Page, problems } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import { BlockBody, BlockedUserParams, BlockSchema, ListBlocksQuery } from './schemas.js';
import { blockUser, listMyBlocks, unblockUser } from './service.js';

const BlockRef = Type.Ref('Block');

export function blockRoutes(app: App, ctx: AppContext): void {
  app.addSchema(BlockSchema);

  app.post(
    '/blocks/',
    {
      schema: {
        tags: ['blocks'],
        operationId: 'blockUser',
        summary: 'Block a user',
        description:
          'A blocked pair no longer see each other in user lists or nearby results, and cannot invite or message ' +
          'each other. The blocked user gets 404 for your profile; you can still open theirs, to recognise and ' +
          'unblock them. Blocking someone already blocked returns the existing block with 200.',
        body: BlockBody,
        response: {
          200: { ...BlockRef, description: 'Already blocked' },
          201: { ...BlockRef, description: 'Blocked' },
          ...problems(400, 401, 404, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { block, created } = await blockUser(ctx, actorOf(request), request.body);
      return reply.status(created ? 201 : 200).send(block);
    },
  );

  app.delete(
    '/blocks/:userId',
    {
      schema: {
        tags: ['blocks'],
        operationId: 'unblockUser',
        summary: 'Unblock a user',
        params: BlockedUserParams,
        response: { 204: Type.Null({ description: 'Unblocked' }), ...problems(400, 401, 404) },
      },
    },
    async (request, reply) => {
      await unblockUser(ctx, actorOf(request), request.params.userId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/blocks/',
    {
      schema: {
        tags: ['blocks'],
        operationId: 'listBlocks',
        summary: 'The users you blocked',
        description: 'Newest first.',
        querystring: ListBlocksQuery,
        response: { 200: Page(BlockRef, 'BlockPage'), ...problems(400, 401) },
      },
    },
    (request) => listMyBlocks(ctx, actorOf(request), request.query),
  );
}
