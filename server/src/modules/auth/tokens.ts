import { createHash, randomBytes } from 'node:crypto';
import { createSigner, createVerifier } from 'fast-jwt';
import type { Clock } from '../../lib/clock.js';
import { AppError } from '../../http/errors.js';

export interface Actor {
  userId: number;
  sessionId: string;
}

const ISSUER = 'icebreaker';
const AUDIENCE = 'icebreaker-api';
/**
 * A client sends the same token with every request until it refreshes: the
 * claims of this many verified tokens are kept, keyed by the token itself (a
 * lookup costs less than hashing it, as a general-purpose cache would). The
 * expiry is still checked against the app's clock on every request.
 */
const VERIFIED_TOKENS_KEPT = 10_000;

interface VerifiedToken {
  actor: Readonly<Actor>;
  expiresAtMs: number;
}

/**
 * Short-lived HS256 access tokens. The algorithm, issuer and audience are
 * pinned; expiry is checked against the app's clock so tests can move time.
 */
export class AccessTokens {
  private readonly sign: (payload: Record<string, unknown>) => string;
  private readonly verify: (token: string) => Record<string, unknown>;
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    secret: string,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {
    this.sign = createSigner({ key: secret, algorithm: 'HS256', noTimestamp: true });
    this.verify = createVerifier({
      key: secret,
      algorithms: ['HS256'],
      allowedIss: ISSUER,
      allowedAud: AUDIENCE,
      ignoreExpiration: true,
      ignoreNotBefore: true,
    });
  }

  issue(actor: Actor): { accessToken: string; expiresAt: Date } {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const exp = now + this.ttlSeconds;
    const accessToken = this.sign({
      sub: String(actor.userId),
      sid: actor.sessionId,
      iss: ISSUER,
      aud: AUDIENCE,
      iat: now,
      exp,
    });
    return { accessToken, expiresAt: new Date(exp * 1000) };
  }

  /** The actor named by a valid, unexpired token; INVALID_TOKEN otherwise. */
  check(token: string): Actor {
    let found = this.verified.get(token);
    if (!found) {
      found = this.verifyClaims(token);
      // Oldest first out: a token verified again costs one HMAC.
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, found);
    }
    if (found.expiresAtMs <= this.clock.now().getTime()) {
      throw new AppError('INVALID_TOKEN', 'The access token has expired');
    }
    return found.actor;
  }

  private verifyClaims(token: string): VerifiedToken {
    let claims: Record<string, unknown>;
    try {
      claims = this.verify(token);
    } catch {
      throw new AppError('INVALID_TOKEN');
    }
    const { sub, sid, exp } = claims;
    const userId = Number(sub);
    if (!Number.isSafeInteger(userId) || userId <= 0 || typeof sid !== 'string' || typeof exp !== 'number') {
      throw new AppError('INVALID_TOKEN');
    }
    return { actor: Object.freeze({ userId, sessionId: sid }), expiresAtMs: exp * 1000 };
  }
}

/** Refresh tokens are random and opaque; only their hash is stored. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
