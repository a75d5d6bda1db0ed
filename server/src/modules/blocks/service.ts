import type { AppContext } from '../../context.js';
import { isForeignKeyViolation } from '../../db/errors.js';
import { decodeCursor, encodeCursor, page } from '../../http/cursor.js';
import { isId } from '../../http/schemas.js';
import { AppError, notFound } from '../../http/errors.js';
import type { Actor } from '../auth/tokens.js';
import { presentUser } from '../users/presenter.js';
import { deleteBlock, findBlock, listBlocks, upsertBlock, type BlockListRow } from './repository.js';
import type { Block, BlockInput, ListBlocksInput } from './schemas.js';

/** Blocks a user; blocking the same user again returns the existing block. */
export async function blockUser(
  ctx: AppContext,
  actor: Actor,
  input: BlockInput,
): Promise<{ block: Block; created: boolean }> {
  if (input.userId === actor.userId) throw new AppError('CANNOT_BLOCK_SELF');
  let created: boolean;
  try {
    created = await upsertBlock(ctx.db, actor.userId, input.userId, ctx.clock.now());
  } catch (error) {
    if (isForeignKeyViolation(error)) throw notFound('User');
    throw error;
  }
  const row = await findBlock(ctx.db, actor.userId, input.userId);
  // Only a concurrent unblock of the same pair can remove it in between.
  if (!row) throw notFound('Block');
  return { block: presentBlock(row, actor.userId), created };
}

export async function unblockUser(ctx: AppContext, actor: Actor, userId: number): Promise<void> {
  if (!(await deleteBlock(ctx.db, actor.userId, userId))) throw notFound('Block');
}

interface BlockCursor {
  createdAt: string;
  userId: number;
}

/** Only cursors as this server writes them: a canonical UTC time since 1970 and a user id. */
const isBlockCursor = (v: unknown): v is BlockCursor => {
  const c = v as Partial<BlockCursor> | null;
  if (typeof c !== 'object' || c === null || typeof c.createdAt !== 'string') return false;
  const time = Date.parse(c.createdAt);
  const canonical = /^\d{4}-/.test(c.createdAt) && time >= 0 && new Date(time).toISOString() === c.createdAt;
  return canonical && isId(c.userId);
};

export async function listMyBlocks(
  ctx: AppContext,
  actor: Actor,
  q: ListBlocksInput,
): Promise<{ items: Block[]; nextCursor: string | null }> {
  const limit = q.limit ?? 20;
  const cursor = q.cursor ? decodeCursor(q.cursor, isBlockCursor) : undefined;
  const rows = await listBlocks(ctx.db, {
    blockerId: actor.userId,
    limit,
    ...(cursor ? { before: { createdAt: new Date(cursor.createdAt), userId: cursor.userId } } : {}),
  });
  const result = page(rows, limit, (last) =>
    encodeCursor({ createdAt: last.created_at.toISOString(), userId: last.blocked_id } satisfies BlockCursor),
  );
  return { items: result.items.map((r) => presentBlock(r, actor.userId)), nextCursor: result.nextCursor };
}

/** A user who blocked the caller back stays invisible to them, here as everywhere. */
function presentBlock(row: BlockListRow, viewerId: number): Block {
  return {
    userId: row.blocked_id,
    createdAt: row.created_at,
    user: row.blocked_back ? null : presentUser(row.user, viewerId),
  };
}
