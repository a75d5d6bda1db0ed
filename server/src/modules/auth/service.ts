import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { AppError } from '../../http/errors.js';
import type { UserRow } from '../../db/schema.js';
import { findUserByEmail, findUserById } from '../users/repository.js';
import { presentUser } from '../users/presenter.js';
import type { User } from '../users/schemas.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { findRefreshToken, insertSession, revokeSession, rotateRefreshToken } from './repository.js';
import { hashToken, newRefreshToken, type Actor } from './tokens.js';

export interface AuthSession {
  user: User;
  tokenType: 'Bearer';
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

/** Opens a session (a refresh-token family) for a user who just proved who they are. */
export async function startSession(ctx: AppContext, user: UserRow): Promise<AuthSession> {
  const sessionId = randomUUID();
  const refreshToken = newRefreshToken();
  const refreshTokenExpiresAt = new Date(ctx.clock.now().getTime() + ctx.config.refreshTokenTtlSeconds * 1000);
  await insertSession(ctx.db, {
    id: sessionId,
    userId: user.id,
    tokenHash: hashToken(refreshToken),
    expiresAt: refreshTokenExpiresAt,
  });
  const access = ctx.tokens.issue({ userId: user.id, sessionId });
  return {
    user: presentUser(user, user.id),
    tokenType: 'Bearer',
    accessToken: access.accessToken,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken,
    refreshTokenExpiresAt,
  };
}

export async function login(ctx: AppContext, email: string, password: string): Promise<AuthSession> {
  const user = await findUserByEmail(ctx.db, email);
  // Verify against a decoy when the account is unknown, so both paths cost the same.
  const ok = await verifyPassword(user?.password_hash ?? (await decoyHash), password);
  if (!user || !ok) throw new AppError('INVALID_CREDENTIALS');
  return startSession(ctx, user);
}

/**
 * Rotates a refresh token. Presenting one that was already used means it was
 * stolen (or the client is confused): the whole family is revoked.
 */
export async function refresh(ctx: AppContext, refreshToken: string): Promise<AuthSession> {
  const now = ctx.clock.now();
  const stored = await findRefreshToken(ctx.db, hashToken(refreshToken));
  if (!stored || stored.revoked_at !== null || stored.expires_at <= now) {
    throw new AppError('INVALID_TOKEN', 'The refresh token is invalid, expired or revoked');
  }
  const reuse = async (): Promise<never> => {
    await revokeSession(ctx.db, stored.session_id, now);
    throw new AppError('INVALID_TOKEN', 'The refresh token was already used; the session has been revoked');
  };
  if (stored.used_at !== null) return reuse();

  const next = newRefreshToken();
  const refreshTokenExpiresAt = new Date(now.getTime() + ctx.config.refreshTokenTtlSeconds * 1000);
  const rotated = await rotateRefreshToken(ctx.db, {
    oldHash: stored.token_hash,
    newHash: hashToken(next),
    sessionId: stored.session_id,
    now,
    expiresAt: refreshTokenExpiresAt,
  });
  if (!rotated) return reuse();

  const user = await findUserById(ctx.db, stored.user_id);
  if (!user) throw new AppError('INVALID_TOKEN');
  const access = ctx.tokens.issue({ userId: user.id, sessionId: stored.session_id });
  return {
    user: presentUser(user, user.id),
    tokenType: 'Bearer',
    accessToken: access.accessToken,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken: next,
    refreshTokenExpiresAt,
  };
}

export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  await revokeSession(ctx.db, actor.sessionId, ctx.clock.now());
}
