import { Type, type Static } from 'typebox';
import { CursorParam, DateTime, IdSchema, Limit } from '../../http/schemas.js';

export const INVITATION_STATUSES = ['PENDING', 'ACCEPTED', 'DECLINED', 'CANCELLED', 'EXPIRED'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const MAX_MESSAGE_LENGTH = 500;
export const MAX_QUESTION_LENGTH = 300;

export const InvitationSchema = Type.Object(
  {
    id: Type.Integer(),
    senderId: Type.Integer(),
    receiverId: Type.Integer(),
    activityId: Type.Integer(),
    status: Type.Enum([...INVITATION_STATUSES], {
      description: 'EXPIRED as soon as `expiresAt` passes while it was PENDING',
    }),
    createdAt: DateTime,
    respondedAt: Type.Union([DateTime, Type.Null()], { description: 'When it was accepted, declined or cancelled' }),
    expiresAt: DateTime,
    message: Type.Union([Type.String(), Type.Null()]),
    iceBreakerQuestion: Type.Union([Type.String(), Type.Null()]),
    chatRoomId: Type.Union([Type.Integer(), Type.Null()], {
      description: "Once accepted: the pair's chat room (opened, or the one they already had)",
    }),
  },
  { $id: 'Invitation', title: 'InvitationRead' },
);

const OptionalText = (maxLength: number, description: string) =>
  Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()], { description }));

export const InvitationCreateBody = Type.Object(
  {
    senderId: Type.Optional(IdSchema('You; optional, and must be your own id when given')),
    receiverId: IdSchema('Who you invite'),
    activityId: IdSchema('An open activity you have joined'),
    message: OptionalText(MAX_MESSAGE_LENGTH, `At most ${MAX_MESSAGE_LENGTH} characters`),
    iceBreakerQuestion: OptionalText(MAX_QUESTION_LENGTH, `At most ${MAX_QUESTION_LENGTH} characters`),
    expiresAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description:
          "Defaults to the earlier of the invitation lifetime (24 h) and the activity's start (its end once " +
          'started); may only be earlier than that, and in the future',
      }),
    ),
  },
  { additionalProperties: false, title: 'InvitationCreate' },
);
export type InvitationCreateInput = Static<typeof InvitationCreateBody>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[\\x21-\\x7E]+$',
      description:
        'Unique per sender (a UUID, say). A retry with the same key and body returns the first invitation; ' +
        'the same key with another body is 409 IDEMPOTENCY_KEY_REUSED.',
    }),
  ),
});

export const InvitationParams = Type.Object({ id: IdSchema('The invitation') }, { additionalProperties: false });

export const ListInvitationsQuery = Type.Object(
  {
    role: Type.Optional(
      Type.Enum(['sent', 'received'], { description: 'Only those you sent, or received; both by default' }),
    ),
    status: Type.Optional(Type.Enum([...INVITATION_STATUSES])),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(CursorParam),
  },
  { additionalProperties: false },
);
export type ListInvitationsInput = Static<typeof ListInvitationsQuery>;

export interface Invitation {
  id: number;
  senderId: number;
  receiverId: number;
  activityId: number;
  status: InvitationStatus;
  createdAt: Date;
  respondedAt: Date | null;
  expiresAt: Date;
  message: string | null;
  iceBreakerQuestion: string | null;
  chatRoomId: number | null;
}
