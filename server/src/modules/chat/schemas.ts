import { Type, type Static } from 'typebox';
import { CursorParam, DateTime, IdSchema, Limit } from '../../http/schemas.js';

export const MESSAGE_TYPES = ['TEXT', 'IMAGE'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const MAX_TEXT_LENGTH = 4000;
export const MAX_IMAGE_URL_LENGTH = 2048;

/** Per-room sequence numbers; far below 2^53. */
const Seq = (description: string) => Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description });

export const ChatMessageSchema = Type.Object(
  {
    id: Type.Integer(),
    chatRoomId: Type.Integer(),
    senderId: Type.Integer(),
    content: Type.String(),
    messageType: Type.Enum([...MESSAGE_TYPES]),
    createdAt: DateTime,
    isRead: Type.Boolean({
      description: 'Your own message: the other participant has read it. Theirs: you have read it.',
    }),
    seq: Type.Integer({ description: 'Position in the room, 1, 2, 3, ... with no gaps; the only order' }),
    clientMessageId: Type.Union([Type.String(), Type.Null()], { description: "The sender's idempotency key" }),
  },
  { $id: 'ChatMessage', title: 'ChatMessageRead' },
);

export const ChatRoomSchema = Type.Object(
  {
    id: Type.Integer(),
    participant1Id: Type.Integer(),
    participant2Id: Type.Integer(),
    invitationId: Type.Union([Type.Integer(), Type.Null()]),
    createdAt: DateTime,
    lastMessageAt: Type.Union([DateTime, Type.Null()]),
    lastMessage: Type.Union([Type.Ref('ChatMessage'), Type.Null()], { description: 'Null while the room is empty' }),
    unreadCount: Type.Integer({ minimum: 0, description: "Messages from the other participant you haven't read" }),
  },
  { $id: 'ChatRoom', title: 'ChatRoomRead' },
);

export const ReadPointerSchema = Type.Object(
  {
    chatRoomId: Type.Integer(),
    userId: Type.Integer(),
    lastReadSeq: Type.Integer({ minimum: 0, description: 'Every message up to this seq counts as read' }),
    unreadCount: Type.Integer({ minimum: 0 }),
  },
  { $id: 'ChatReadPointer', title: 'ChatReadPointer' },
);

export const ChatRoomCreateBody = Type.Object(
  {
    participant1Id: Type.Optional(IdSchema('You; optional, and must be your own id when given')),
    participant2Id: IdSchema('The other person'),
    invitationId: Type.Optional(IdSchema('The invitation this room comes from')),
  },
  { additionalProperties: false, title: 'ChatRoomCreate' },
);
export type ChatRoomCreateInput = Static<typeof ChatRoomCreateBody>;

export const ChatMessageCreateBody = Type.Object(
  {
    chatRoomId: IdSchema(),
    senderId: Type.Optional(IdSchema('You; optional, and must be your own id when given')),
    content: Type.String({
      minLength: 1,
      maxLength: MAX_TEXT_LENGTH,
      pattern: '\\S',
      description: `TEXT: 1 to ${MAX_TEXT_LENGTH} characters, not only blanks. IMAGE: an https URL.`,
    }),
    messageType: Type.Optional(Type.Enum([...MESSAGE_TYPES], { default: 'TEXT' })),
    clientMessageId: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[\\x21-\\x7E]+$',
        description:
          'Idempotency key, unique per sender (a UUID, say). A retry with the same key and body returns the ' +
          'first message; the same key with another body is refused.',
      }),
    ),
  },
  { additionalProperties: false, title: 'ChatMessageCreate' },
);
export type ChatMessageCreateInput = Static<typeof ChatMessageCreateBody>;

export const MarkReadBody = Type.Object(
  { lastReadSeq: Seq('The seq of the newest message read; a lower value than before changes nothing') },
  { additionalProperties: false, title: 'ChatReadPointerUpdate' },
);
export type MarkReadInput = Static<typeof MarkReadBody>;

export const RoomParams = Type.Object({ id: IdSchema('The chat room') }, { additionalProperties: false });

export const ListRoomsQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(CursorParam) },
  { additionalProperties: false },
);
export type ListRoomsInput = Static<typeof ListRoomsQuery>;

export const ListMessagesQuery = Type.Object(
  {
    before: Type.Optional(Seq('Messages with a lower seq, newest first (the default, from the newest)')),
    after: Type.Optional(Seq('Messages with a higher seq, oldest first')),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(CursorParam),
  },
  { additionalProperties: false },
);
export type ListMessagesInput = Static<typeof ListMessagesQuery>;

export interface ChatMessage {
  id: number;
  chatRoomId: number;
  senderId: number;
  content: string;
  messageType: MessageType;
  /** A Date, or its ISO text where a read passes PostgreSQL's text on (history pages). */
  createdAt: Date | string;
  isRead: boolean;
  seq: number;
  clientMessageId: string | null;
}

export interface ChatRoom {
  id: number;
  participant1Id: number;
  participant2Id: number;
  invitationId: number | null;
  createdAt: Date;
  lastMessageAt: Date | null;
  lastMessage: ChatMessage | null;
  unreadCount: number;
}

export interface ReadPointer {
  chatRoomId: number;
  userId: number;
  lastReadSeq: number;
  unreadCount: number;
}
