import { Type, type Static } from 'typebox';
import { CursorParam, DateTime, IdSchema, Limit } from '../../http/schemas.js';
import type { User } from '../users/schemas.js';

export const BlockSchema = Type.Object(
  {
    userId: Type.Integer({ description: 'The blocked user' }),
    createdAt: DateTime,
    user: Type.Union([Type.Ref('User'), Type.Null()], {
      description: 'The blocked user, or null while they have blocked you too',
    }),
  },
  { $id: 'Block', title: 'Block' },
);

export const BlockBody = Type.Object(
  { userId: IdSchema('The user to block') },
  { additionalProperties: false, title: 'BlockCreate' },
);
export type BlockInput = Static<typeof BlockBody>;

export const BlockedUserParams = Type.Object({ userId: IdSchema('The blocked user') }, { additionalProperties: false });

export const ListBlocksQuery = Type.Object(
  { limit: Type.Optional(Limit), cursor: Type.Optional(CursorParam) },
  { additionalProperties: false },
);
export type ListBlocksInput = Static<typeof ListBlocksQuery>;

export interface Block {
  userId: number;
  createdAt: Date;
  user: User | null;
}
