import type { Kysely, Transaction } from 'kysely';
import type { AppContext } from '../../context.js';
import { isForeignKeyViolation } from '../../db/errors.js';
import type { DB } from '../../db/schema.js';
import { assertSelf } from '../../http/authenticate.js';
import { decodeCursor, encodeCursor, page } from '../../http/cursor.js';
import { AppError, notFound } from '../../http/errors.js';
import type { Actor } from '../auth/tokens.js';
import { findPeer } from '../blocks/repository.js';
import { transactionWithEvents, type EventSink } from '../events/publish.js';
import { anchorOf, isRoomCursor, type MessageCursor, type RoomCursor } from './cursors.js';
import { countUnread, findRoomPage } from './message-repository.js';
import type { SendResult } from './message-writer.js';
import { presentMessageRead, presentRoom } from './presenter.js';
import {
  advanceReadPointer,
  findParticipantRoom,
  findRoomByPair,
  findRoomView,
  insertRoomIfAbsent,
  listRoomViews,
  type ParticipantRoom,
  type RoomRow,
} from './repository.js';
import {
  MAX_IMAGE_URL_LENGTH,
  MAX_TEXT_LENGTH,
  type ChatMessage,
  type ChatRoom,
  type ChatRoomCreateInput,
  type ListMessagesInput,
  type ListRoomsInput,
  type MessageType,
  type ReadPointer,
} from './schemas.js';
import { roomNotFound } from './store-messages.js';

export type { ChatMessage, ChatRoom, ReadPointer } from './schemas.js';

async function participantRoom(db: Kysely<DB>, actor: Actor, roomId: number): Promise<ParticipantRoom> {
  const room = await findParticipantRoom(db, roomId, actor.userId);
  if (!room) throw roomNotFound();
  return room;
}

/** Throws 404 NOT_FOUND unless the actor takes part in the room. */
export async function requireParticipant(
  ctx: AppContext,
  actor: Actor,
  roomId: number,
): Promise<{ otherUserId: number }> {
  const room = await participantRoom(ctx.db, actor, roomId);
  return { otherUserId: room.other_id };
}

/** Opens a room with another user, or returns the pair's existing one. */
export async function createRoom(
  ctx: AppContext,
  actor: Actor,
  input: ChatRoomCreateInput,
): Promise<{ room: ChatRoom; created: boolean }> {
  assertSelf(actor, input.participant1Id, 'participant1Id');
  const otherId = input.participant2Id;
  if (otherId === actor.userId) throw new AppError('RULE_VIOLATED', 'You cannot open a chat room with yourself');
  const partner = await findPeer(ctx.db, actor.userId, otherId);
  if (!partner) throw notFound('User');
  if (!partner.allowed) throw new AppError('FORBIDDEN', 'You cannot chat with this user');
  let opened: { room: RoomRow; created: boolean };
  try {
    opened = await transactionWithEvents(ctx, (trx, events) =>
      openRoom(trx, events, {
        participant1Id: actor.userId,
        participant2Id: otherId,
        invitationId: input.invitationId ?? null,
        now: ctx.clock.now(),
      }),
    );
  } catch (error) {
    // Only a user deleted in between.
    if (isForeignKeyViolation(error)) throw notFound('User');
    throw error;
  }
  const view = await findRoomView(ctx.db, opened.room.id, actor.userId);
  if (!view) throw roomNotFound();
  return { room: presentRoom(view, actor.userId), created: opened.created };
}

/**
 * Opens the pair's room in the caller's transaction (also for accepting an
 * invitation), reusing it if it exists; a new room is announced to both.
 */
export async function openRoom(
  trx: Transaction<DB>,
  events: EventSink,
  room: { participant1Id: number; participant2Id: number; invitationId: number | null; now: Date },
): Promise<{ room: RoomRow; created: boolean }> {
  const inserted = await insertRoomIfAbsent(trx, room);
  if (inserted) {
    const created: ChatRoom = {
      id: inserted.id,
      participant1Id: inserted.participant1_id,
      participant2Id: inserted.participant2_id,
      invitationId: inserted.invitation_id,
      createdAt: inserted.created_at,
      lastMessageAt: null,
      lastMessage: null,
      unreadCount: 0,
    };
    events.emit([inserted.participant1_id, inserted.participant2_id], 'chatroom.created', created);
    return { room: inserted, created: true };
  }
  const existing = await findRoomByPair(trx, room.participant1Id, room.participant2Id);
  if (!existing) throw new Error('The pair index refused a room that cannot be found');
  return { room: existing, created: false };
}

export async function getRoom(ctx: AppContext, actor: Actor, roomId: number): Promise<ChatRoom> {
  const view = await findRoomView(ctx.db, roomId, actor.userId);
  if (!view) throw roomNotFound();
  return presentRoom(view, actor.userId);
}

export async function listRooms(
  ctx: AppContext,
  actor: Actor,
  q: ListRoomsInput,
): Promise<{ items: ChatRoom[]; nextCursor: string | null }> {
  const limit = q.limit ?? 20;
  const cursor = q.cursor ? decodeCursor(q.cursor, isRoomCursor) : undefined;
  const rows = await listRoomViews(ctx.db, {
    userId: actor.userId,
    limit,
    ...(cursor ? { before: { at: new Date(cursor.at), id: cursor.id } } : {}),
  });
  const result = page(rows, limit, (last) =>
    encodeCursor({ at: (last.last_message_at ?? last.created_at).toISOString(), id: last.id } satisfies RoomCursor),
  );
  return { items: result.items.map((r) => presentRoom(r, actor.userId)), nextCursor: result.nextCursor };
}

/** The socket path calls this too, so the rules that a schema cannot say live here. */
function checkContent(messageType: MessageType, content: string): void {
  const invalid = (message: string): AppError =>
    new AppError('VALIDATION_FAILED', `content ${message}`, [{ field: 'body.content', message }]);
  if (messageType === 'TEXT') {
    if (!/\S/.test(content) || [...content].length > MAX_TEXT_LENGTH) {
      throw invalid(`must be 1 to ${MAX_TEXT_LENGTH} characters, not only blanks`);
    }
    return;
  }
  let url: URL | undefined;
  try {
    url = new URL(content);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || content.length > MAX_IMAGE_URL_LENGTH || /\s/.test(content)) {
    throw invalid('must be an https URL for an IMAGE message');
  }
}

/**
 * Sends a message, exactly once per (sender, clientMessageId): a retry with
 * the same key and body returns the stored message (`created: false`), the
 * same key with another body is IDEMPOTENCY_KEY_REUSED. Everything but the
 * room checks happens before the message is queued, synchronously, so
 * messages sent one after the other are stored in that order.
 */
export function sendMessage(
  ctx: AppContext,
  actor: Actor,
  input: {
    chatRoomId: number;
    senderId?: number;
    content: string;
    messageType?: 'TEXT' | 'IMAGE';
    clientMessageId?: string;
  },
): Promise<SendResult> {
  try {
    assertSelf(actor, input.senderId, 'senderId');
    const messageType = input.messageType ?? 'TEXT';
    checkContent(messageType, input.content);
    return ctx.messages.send({
      senderId: actor.userId,
      roomId: input.chatRoomId,
      messageType,
      content: input.content,
      clientMessageId: input.clientMessageId ?? null,
    });
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/** History by seq: backwards (newest first) by default or from `before`, forwards (oldest first) from `after`. */
export async function listRoomMessages(
  ctx: AppContext,
  actor: Actor,
  roomId: number,
  q: ListMessagesInput,
): Promise<{ items: ChatMessage[]; nextCursor: string | null }> {
  const { direction, seq } = anchorOf(q);
  const limit = q.limit ?? 20;
  const rows = await findRoomPage(ctx.db, { roomId, userId: actor.userId, direction, seq, limit });
  if (!rows) throw roomNotFound();
  const result = page(rows, limit, (last) => encodeCursor({ [direction]: last.seq } satisfies MessageCursor));
  return {
    items: result.items.map((r) => presentMessageRead(r, r.is_read)),
    nextCursor: result.nextCursor,
  };
}

/**
 * Moves the actor's read pointer forward to `lastReadSeq`; a lower value (a
 * late receipt) changes nothing. Both participants hear of a move.
 */
export async function markRead(
  ctx: AppContext,
  actor: Actor,
  roomId: number,
  input: { lastReadSeq: number },
): Promise<ReadPointer> {
  return transactionWithEvents(ctx, async (trx, events) => {
    const room = await participantRoom(trx, actor, roomId);
    if (input.lastReadSeq > room.last_seq) {
      throw new AppError(
        'RULE_VIOLATED',
        `lastReadSeq ${input.lastReadSeq} is past the room's last message (seq ${room.last_seq})`,
      );
    }
    const moved =
      input.lastReadSeq > room.my_read_seq
        ? await advanceReadPointer(trx, { roomId, userId: actor.userId, seq: input.lastReadSeq, now: ctx.clock.now() })
        : undefined;
    const lastReadSeq = moved ?? (await participantRoom(trx, actor, roomId)).my_read_seq;
    if (moved !== undefined) {
      events.emit([actor.userId, room.other_id], 'messages.read', {
        chatRoomId: roomId,
        userId: actor.userId,
        lastReadSeq,
      });
    }
    const unreadCount = await countUnread(trx, roomId, actor.userId, lastReadSeq);
    return { chatRoomId: roomId, userId: actor.userId, lastReadSeq, unreadCount };
  });
}
