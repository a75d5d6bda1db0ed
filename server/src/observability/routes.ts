import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sendProblem } from '../http/problem-handler.js';
import type { App } from '../http/types.js';
import type { Metrics } from './metrics.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * With a token, only `Authorization: Bearer <token>` reads the metrics. Without
 * one, only a scraper on this machine does: a loopback connection that did
 * not come through a proxy (a local reverse proxy adds forwarding headers).
 */
export function metricsAllowed(request: FastifyRequest, token: string | undefined): boolean {
  if (token !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    const given = Buffer.from(match?.[1] ?? '');
    const expected = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
  const proxied = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !proxied && LOOPBACK.has(request.socket.remoteAddress ?? '');
}

/** Prometheus text format; not in the OpenAPI document, which describes the JSON API. */
export function metricsRoutes(app: App, metrics: Metrics, token: string | undefined): void {
  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    if (!metricsAllowed(request, token)) {
      return token === undefined
        ? sendProblem(
            reply,
            'FORBIDDEN',
            'Metrics are served to local scrapers only; set METRICS_TOKEN to scrape remotely',
          )
        : sendProblem(reply, 'UNAUTHENTICATED', 'Send the metrics token as "Authorization: Bearer <token>"');
    }
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
