import type { InvitationRow } from './repository.js';
import type { Invitation } from './schemas.js';

/** A pending invitation past its `expiresAt` reads as EXPIRED, whether or not the sweeper has marked it yet. */
export function presentInvitation(row: InvitationRow, now: Date): Invitation {
  const expired = row.status === 'PENDING' && row.expires_at.getTime() <= now.getTime();
  return {
    id: row.id,
    senderId: row.sender_id,
    receiverId: row.receiver_id,
    activityId: row.activity_id,
    status: expired ? 'EXPIRED' : row.status,
    createdAt: row.created_at,
    respondedAt: row.responded_at,
    expiresAt: row.expires_at,
    message: row.message,
    iceBreakerQuestion: row.ice_breaker_question,
    chatRoomId: row.chat_room_id,
  };
}
