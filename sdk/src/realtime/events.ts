import type { components } from '../generated/schema.generated.js';

type Schemas = components['schemas'];

/**
 * Durable events: stored by the server, carried with a cursor, replayed
 * after a reconnect, each exactly once and in order.
 */
export interface DurableEvents {
  'message.created': Schemas['ChatMessage'];
  'messages.read': { chatRoomId: number; userId: number; lastReadSeq: number };
  'chatroom.created': Schemas['ChatRoom'];
  'invitation.created': Schemas['Invitation'];
  'invitation.updated': Schemas['Invitation'];
  'invitation.expired': Schemas['Invitation'];
  'activity.updated': Schemas['Activity'];
  'activity.cancelled': Schemas['Activity'];
  'participant.joined': Schemas['ActivityParticipation'];
  'participant.left': Schemas['ActivityParticipation'];
  'waitlist.promoted': Schemas['ActivityParticipation'];
  'connection.created': Schemas['Connection'];
  'connection.deleted': { id: number; collectorId: number; collectedId: number };
  'rating.received': Schemas['Rating'];
}

/** Ephemeral frames: live only, never replayed. */
export interface EphemeralEvents {
  typing: { chatRoomId: number; userId: number };
  presence: PresenceState & { userId: number };
}

export interface PresenceState {
  status: 'online' | 'offline';
  lastSeenAt: string;
}

export type DurableEventType = keyof DurableEvents;

/** A durable event as listeners get it; events the SDK does not know yet come with `data: unknown`. */
export type RealtimeEvent =
  | { [K in DurableEventType]: { type: K; data: DurableEvents[K]; cursor: number } }[DurableEventType]
  | { type: string & {}; data: unknown; cursor: number };

export type ConnectionStatus = 'connecting' | 'online' | 'offline';

export interface RealtimeEvents extends DurableEvents {
  /** Every durable event, typed or not, in order. */
  event: RealtimeEvent;
  /** The backlog is delivered: what follows is live. */
  ready: { cursor: number };
  /** The cursor fell outside the server's retention: refetch what you show (the old state stays until you do). */
  resync: { cursor: number };
  status: ConnectionStatus;
  /** Who is typing in a room changed (someone started, stopped, or their indicator expired). */
  typing: { chatRoomId: number; userIds: number[] };
  presence: EphemeralEvents['presence'];
  /** An `error` frame from the server (a refused frame). */
  error: { code: string; detail: string; requestId?: string };
  /** A newer socket of the same user took this one's place: it does not reconnect by itself. */
  replaced: { reason: string };
}

/** A frame as it comes off the socket. */
export interface ServerFrame {
  type: string;
  data?: unknown;
  cursor?: number;
}
