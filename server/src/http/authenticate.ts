import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.js';
import type { Actor, AccessTokens } from '../modules/auth/tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
  }
  interface FastifyContextConfig {
    /** Reachable without an access token (registration, login, health, docs). */
    public?: boolean;
  }
}

/**
 * Every route needs a valid bearer token unless it is marked public. This runs
 * before the body is parsed, so anonymous callers learn nothing else.
 */
export function registerAuthentication(app: FastifyInstance, tokens: AccessTokens): void {
  // Callback form, as it runs on every request (Fastify turns a throw into the error reply).
  app.addHook('onRequest', (request, _reply, done) => {
    if (request.is404) return done();
    // Fastify builds `routeOptions` afresh on every read: read it once.
    const { config, url } = request.routeOptions;
    if (config.public || url?.startsWith('/docs')) return done();
    const header = request.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw new AppError('UNAUTHENTICATED', 'Send an access token as "Authorization: Bearer <token>"');
    request.actor = tokens.check(match[1]);
    done();
  });
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHENTICATED');
  return request.actor;
}

/** Ids in a body that name the actor are optional, and must be the caller when present. */
export function assertSelf(actor: Actor, claimed: number | undefined, field: string): void {
  if (claimed !== undefined && claimed !== actor.userId) {
    throw new AppError('FORBIDDEN', `${field} must be your own user id`);
  }
}
