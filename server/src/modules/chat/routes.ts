import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { perUserAndAddress } from '../../http/rate-limits.js';
import { Page, problems } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import {
  ChatMessageCreateBody,
  ChatMessageSchema,
  ChatRoomCreateBody,
  ChatRoomSchema,
  ListMessagesQuery,
  ListRoomsQuery,
  MarkReadBody,
  ReadPointerSchema,
  RoomParams,
} from './schemas.js';
import { createRoom, getRoom, listRoomMessages, listRooms, markRead, sendMessage } from './service.js';

const ChatRoomRef = Type.Ref('ChatRoom');
const ChatMessageRef = Type.Ref('ChatMessage');

export function chatRoutes(app: App, ctx: AppContext): void {
  for (const schema of [ChatMessageSchema, ChatRoomSchema, ReadPointerSchema]) app.addSchema(schema);

  app.post(
    '/chat/rooms/',
    {
      schema: {
        tags: ['chat'],
        operationId: 'createChatRoom',
        summary: 'Open a chat room with someone',
        description:
          'One room per pair: when you two already share one, it is returned with 200. `participant1Id` is you ' +
          '(optional); `participant2Id` is the other person. A blocked pair (either way) gets 403; yourself, 422.',
        body: ChatRoomCreateBody,
        response: {
          200: { ...ChatRoomRef, description: 'The room you two already share' },
          201: { ...ChatRoomRef, description: 'Opened' },
          ...problems(400, 401, 403, 404, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const { room, created } = await createRoom(ctx, actorOf(request), request.body);
      return reply.status(created ? 201 : 200).send(room);
    },
  );

  app.get(
    '/chat/rooms/',
    {
      schema: {
        tags: ['chat'],
        operationId: 'listChatRooms',
        summary: 'Your chat rooms',
        description: 'Latest activity first (the last message, or the opening of a room without messages).',
        querystring: ListRoomsQuery,
        response: { 200: Page(ChatRoomRef, 'ChatRoomPage'), ...problems(400, 401) },
      },
    },
    (request) => listRooms(ctx, actorOf(request), request.query),
  );

  app.get(
    '/chat/rooms/:id',
    {
      schema: {
        tags: ['chat'],
        operationId: 'getChatRoom',
        summary: 'A chat room',
        description: 'Only for its participants; to anyone else it does not exist (404).',
        params: RoomParams,
        response: { 200: ChatRoomRef, ...problems(400, 401, 404) },
      },
    },
    (request) => getRoom(ctx, actorOf(request), request.params.id),
  );

  app.get(
    '/chat/rooms/:id/messages',
    {
      schema: {
        tags: ['chat'],
        operationId: 'listChatMessages',
        summary: 'Chat history',
        description:
          "Ordered by the room's `seq`. Without an anchor, or with `before`, pages go backwards (newest first); " +
          'with `after` they go forwards (oldest first). `nextCursor` continues in the same direction; give at ' +
          'most one of `before`, `after` and `cursor`.',
        params: RoomParams,
        querystring: ListMessagesQuery,
        response: { 200: Page(ChatMessageRef, 'ChatMessagePage'), ...problems(400, 401, 404) },
      },
    },
    (request) => listRoomMessages(ctx, actorOf(request), request.params.id, request.query),
  );

  app.post(
    '/chat/messages/',
    {
      // The socket's message.send frames spend the same per-user budget.
      onRequest: perUserAndAddress(ctx.limiter, 'messages', ctx.config.rateLimits.messagesPerMinute),
      schema: {
        tags: ['chat'],
        operationId: 'sendChatMessage',
        summary: 'Send a message',
        description:
          'Participants only (404 otherwise); a blocked pair gets 403. With a `clientMessageId`, a retry with ' +
          'the same body returns the first message with 200 and stores nothing twice; the same key with another ' +
          'body is 409 IDEMPOTENCY_KEY_REUSED. Both participants receive a `message.created` event.',
        body: ChatMessageCreateBody,
        response: {
          200: { ...ChatMessageRef, description: 'Already sent with this clientMessageId' },
          201: { ...ChatMessageRef, description: 'Sent' },
          ...problems(400, 401, 403, 404, 409, 413, 415, 429),
        },
      },
    },
    async (request, reply) => {
      const { message, created } = await sendMessage(ctx, actorOf(request), request.body);
      return reply.status(created ? 201 : 200).send(message);
    },
  );

  app.put(
    '/chat/rooms/:id/read',
    {
      schema: {
        tags: ['chat'],
        operationId: 'markChatRoomRead',
        summary: 'Move your read pointer',
        description:
          'Marks every message up to `lastReadSeq` as read. The pointer only moves forward: a lower value ' +
          'changes nothing and returns the current one. A seq past the last message is 422. Both participants ' +
          'receive a `messages.read` event when it moved.',
        params: RoomParams,
        body: MarkReadBody,
        response: { 200: Type.Ref('ChatReadPointer'), ...problems(400, 401, 404, 413, 415, 422) },
      },
    },
    (request) => markRead(ctx, actorOf(request), request.params.id, request.body),
  );
}
