import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RateLimitStore } from './rate-limit-store.js';
import { AppError } from './errors.js';

const MINUTE_MS = 60_000;

/** One budget: at most `max` hits on `key` per minute. */
export interface LimitRule {
  key: string;
  max: number;
}

/**
 * Per-minute budgets over a store (this process's memory, or Redis shared by
 * every instance). Each check spends one unit of every rule it names.
 */
export class RateLimiter {
  constructor(
    private readonly store: RateLimitStore,
    /** How much more room an address gets than one account: many people can share one (NAT, a campus). */
    readonly addressFactor: number,
    private readonly onLimited: () => void = () => {},
  ) {}

  /** Null when every rule still has room; else the seconds until the fullest one resets. */
  async consume(rules: LimitRule[]): Promise<number | null> {
    const results = await Promise.all(rules.map((rule) => this.store.hit(rule.key, MINUTE_MS)));
    let retryAfter: number | null = null;
    results.forEach((result, i) => {
      if (!result || result.count <= rules[i]!.max) return;
      retryAfter = Math.max(retryAfter ?? 1, Math.ceil(result.resetInMs / 1000));
    });
    return retryAfter;
  }

  /** Throws 429 RATE_LIMITED with Retry-After when a rule is spent. */
  async enforce(rules: LimitRule[], reply?: FastifyReply): Promise<void> {
    const retryAfter = await this.consume(rules);
    if (retryAfter === null) return;
    this.onLimited();
    reply?.header('retry-after', String(retryAfter));
    throw new AppError('RATE_LIMITED', `Too many requests; retry in ${retryAfter} s`);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** An IPv6 client usually holds a whole /64: count it as one address. */
export function addressOf(request: FastifyRequest): string {
  return normalizeIP(request.ip, 64);
}

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/**
 * A hook spending a per-account budget of `perMinute` (the caller, known once
 * the authentication hook has run) and a looser per-address one.
 */
export function perUserAndAddress(limiter: RateLimiter, name: string, perMinute: number): Hook {
  return (request, reply) => {
    const rules: LimitRule[] = [{ key: `${name}:ip:${addressOf(request)}`, max: perMinute * limiter.addressFactor }];
    if (request.actor) rules.push({ key: `${name}:user:${request.actor.userId}`, max: perMinute });
    return limiter.enforce(rules, reply);
  };
}

/** A hook spending budgets named by the request alone (login, registration: nobody is signed in). */
export function byRequest(limiter: RateLimiter, rules: (request: FastifyRequest) => LimitRule[]): Hook {
  return (request, reply) => limiter.enforce(rules(request), reply);
}
