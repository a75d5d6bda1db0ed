import type { FastifyRequest } from 'fastify';
import { AppError } from '../../http/errors.js';
import type { App } from '../../http/types.js';

/** Many people can share one address (NAT, a campus), so it gets more room than one account. */
const ADDRESS_FACTOR = 10;
const MINUTE_MS = 60_000;

/**
 * A per-account limit (the route's rateLimit config, keyed by the actor that
 * the authentication hook has set by then) and a looser per-address one.
 * Limits are a cost for scrapers, not the privacy defence.
 */
export function perUserAndAddress(app: App, name: string, perMinute: number) {
  const perAddress = app.createRateLimit({
    max: perMinute * ADDRESS_FACTOR,
    timeWindow: MINUTE_MS,
    keyGenerator: (request) => `${name}:ip:${request.ip}`,
  });
  return {
    config: {
      rateLimit: {
        max: perMinute,
        timeWindow: MINUTE_MS,
        keyGenerator: (request: FastifyRequest) => `${name}:user:${request.actor?.userId ?? request.ip}`,
      },
    },
    onRequest: async (request: FastifyRequest): Promise<void> => {
      const result = await perAddress(request);
      if (!result.isAllowed && result.isExceeded) {
        throw new AppError('RATE_LIMITED', `Too many requests from this address; retry in ${result.ttlInSeconds} s`);
      }
    },
  };
}
