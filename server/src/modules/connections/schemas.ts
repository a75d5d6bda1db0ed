import { Type, type Static } from 'typebox';
import { CursorParam, DateTime, IdSchema, Limit } from '../../http/schemas.js';
import type { User } from '../users/schemas.js';

export const ConnectionSchema = Type.Object(
  {
    id: Type.Integer(),
    collectorId: Type.Integer({ description: 'Who collected the card: you' }),
    collectedId: Type.Integer({ description: 'Whose card it is' }),
    meetingId: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The activity where you met, when you named one',
    }),
    collectedAt: DateTime,
    user: Type.Ref('User', { description: 'The collected user, with their name card' }),
  },
  { $id: 'Connection', title: 'ConnectionRead' },
);

export const ConnectionCreateBody = Type.Object(
  {
    collectorId: Type.Optional(IdSchema('You; optional, and must be your own id when given')),
    collectedId: IdSchema('Whose card you collect'),
    meetingId: Type.Optional(
      Type.Union([IdSchema(), Type.Null()], {
        description: 'An activity you have both joined. Without it, any chat room or activity you share will do',
      }),
    ),
  },
  { additionalProperties: false, title: 'ConnectionCreate' },
);
export type ConnectionCreateInput = Static<typeof ConnectionCreateBody>;

export const ConnectionParams = Type.Object({ id: IdSchema('The connection') }, { additionalProperties: false });

export const ListConnectionsQuery = Type.Object(
  {
    name: Type.Optional(
      Type.String({ minLength: 1, maxLength: 60, description: "Part of the collected user's display name" }),
    ),
    limit: Type.Optional(Limit),
    cursor: Type.Optional(CursorParam),
  },
  { additionalProperties: false },
);
export type ListConnectionsInput = Static<typeof ListConnectionsQuery>;

export interface Connection {
  id: number;
  collectorId: number;
  collectedId: number;
  meetingId: number | null;
  collectedAt: Date;
  user: User;
}
