import type { FastifyInstance } from 'fastify';

/**
 * Request bodies are JSON only: text is refused with 415 rather than handed to
 * the schema as a string. An empty body under a JSON content type, which many
 * HTTP clients send on DELETE and on a POST without data, counts as no body:
 * routes that take none accept it, routes that need one report it missing.
 */
export function registerBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser('text/plain');
  // Fastify's own parser, still refusing `__proto__` and `constructor` keys.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body: string, done) => {
    if (body.length === 0) return done(null, undefined);
    parseJson(request, body, done);
  });
}
