import type { MessageRow, PageMessageRow, RoomView } from './repository.js';
import type { ChatMessage, ChatRoom } from './schemas.js';

/**
 * `isRead` comes from the read pointer of whoever receives the message: for
 * the viewer's own message the other participant's, for theirs the viewer's
 * (`isReadFor` is the same rule in SQL). A new message's event is this
 * object built in SQL (storeMessageBatch): a field added here goes there too.
 */
export function presentMessage(
  row: MessageRow,
  viewerId: number,
  pointers: { mine: number; theirs: number },
): ChatMessage {
  return presentMessageRead(row, row.seq <= (row.sender_id === viewerId ? pointers.theirs : pointers.mine));
}

/** A message whose `isRead` is already known (a history page reads it with the row). */
export function presentMessageRead(row: MessageRow | PageMessageRow, isRead: boolean): ChatMessage {
  return {
    id: row.id,
    chatRoomId: row.room_id,
    senderId: row.sender_id,
    content: row.content,
    messageType: row.message_type,
    createdAt: row.created_at,
    isRead,
    seq: row.seq,
    clientMessageId: row.client_message_id,
  };
}

export function presentRoom(view: RoomView, viewerId: number): ChatRoom {
  const pointers = { mine: view.my_read_seq, theirs: view.their_read_seq };
  return {
    id: view.id,
    participant1Id: view.participant1_id,
    participant2Id: view.participant2_id,
    invitationId: view.invitation_id,
    createdAt: view.created_at,
    lastMessageAt: view.last_message_at,
    lastMessage: view.last_message && presentMessage(view.last_message, viewerId, pointers),
    unreadCount: view.unread_count,
  };
}
