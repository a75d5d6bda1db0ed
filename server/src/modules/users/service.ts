import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/errors.js';
import type { NewUser, UserChanges } from '../../db/schema.js';
import { decodeCursor, encodeCursor, isIdCursor, page } from '../../http/cursor.js';
import { isId } from '../../http/schemas.js';
import { AppError, notFound } from '../../http/errors.js';
import { hashPassword } from '../auth/passwords.js';
import { startSession, type AuthSession } from '../auth/service.js';
import type { Actor } from '../auth/tokens.js';
import { summarize } from '../ratings/summary.js';
import { presentUser } from './presenter.js';
import { findVisibleUser, insertUser, listUsers, updateUser, type ProfileRow } from './repository.js';
import type { ListUsersInput, RegisterInput, UpdateMeInput, User } from './schemas.js';

export async function register(ctx: AppContext, input: RegisterInput): Promise<AuthSession> {
  const row: NewUser = {
    ...profileColumns(input),
    display_name: input.displayName.trim(),
    email: input.email.toLowerCase(),
    password_hash: await hashPassword(input.password),
  };
  try {
    const user = await insertUser(ctx.db, row);
    return await startSession(ctx, user);
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('EMAIL_TAKEN');
    throw error;
  }
}

/** A profile read: the name card if the viewer may see it, and the summary of the visible ratings. */
function presentProfile(row: ProfileRow, viewerId: number): User {
  const { card_collected, rating_count, rating_sum, ...user } = row;
  return presentUser(user, viewerId, {
    cardCollected: Boolean(card_collected),
    ratingSummary: summarize(Number(rating_count), Number(rating_sum)),
  });
}

export async function getUser(ctx: AppContext, actor: Actor, id: number): Promise<User> {
  const row = await findVisibleUser(ctx.db, actor.userId, id, ctx.clock.now());
  if (!row) throw notFound('User');
  return presentProfile(row, actor.userId);
}

export async function searchUsers(
  ctx: AppContext,
  actor: Actor,
  q: ListUsersInput,
): Promise<{ items: User[]; nextCursor: string | null }> {
  const limit = q.limit ?? 20;
  const rows = await listUsers(ctx.db, {
    viewerId: actor.userId,
    now: ctx.clock.now(),
    limit,
    ...(q.name ? { name: q.name } : {}),
    ...(q.interest ? { interest: normaliseInterest(q.interest) } : {}),
    // An id past the integer column's range names nobody, like any unknown id.
    ...(q.ids
      ? {
          ids: q.ids.split(',').map(Number).filter(isId),
        }
      : {}),
    ...(q.cursor ? { beforeId: decodeCursor(q.cursor, isIdCursor).id } : {}),
  });
  const result = page(rows, limit, (last) => encodeCursor({ id: last.id }));
  return { items: result.items.map((r) => presentProfile(r, actor.userId)), nextCursor: result.nextCursor };
}

export async function updateMe(ctx: AppContext, actor: Actor, input: UpdateMeInput): Promise<User> {
  const changes = { ...profileColumns(input), updated_at: ctx.clock.now() };
  await updateUser(ctx.db, actor.userId, changes);
  // Read back as a profile, so the answer matches GET /users/me.
  return getUser(ctx, actor, actor.userId);
}

/** Maps the API's profile fields to columns, leaving absent ones untouched. */
function profileColumns(input: UpdateMeInput): UserChanges {
  const columns: UserChanges = {};
  if (input.displayName !== undefined) columns.display_name = input.displayName.trim();
  if (input.bio !== undefined) columns.bio = input.bio;
  if (input.interests !== undefined) columns.interests = normaliseInterests(input.interests);
  if (input.avatarUrl !== undefined) columns.avatar_url = input.avatarUrl;
  if (input.isDiscoverable !== undefined) columns.is_discoverable = input.isDiscoverable;
  if (input.hideDistance !== undefined) columns.hide_distance = input.hideDistance;
  const card = input.nameCard;
  if (card?.jobTitle !== undefined) columns.job_title = card.jobTitle;
  if (card?.company !== undefined) columns.company = card.company;
  if (card?.links !== undefined) columns.contact_links = JSON.stringify(card.links);
  return columns;
}

/** Interests compare trimmed and lower-cased; 'Chess' and 'chess ' are one interest. */
function normaliseInterests(interests: string[]): string[] {
  return [...new Set(interests.map(normaliseInterest))];
}

function normaliseInterest(interest: string): string {
  return interest.trim().toLowerCase();
}
