import type { FastifyServerOptions } from 'fastify';

/**
 * pino JSON logs, each request's lines carrying its id (`reqId`). URLs are
 * logged without their query string (it can hold coordinates or a WebSocket
 * ticket), bodies are never logged, and credentials and coordinates that
 * reach a log object anyway are redacted.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["sec-websocket-protocol"]',
        '*.password',
        '*.refreshToken',
        '*.accessToken',
        '*.token',
        '*.ticket',
        // Exact positions leave the server only in their owner's history, never in a log.
        '*.latitude',
        '*.longitude',
        '*.lat',
        '*.lon',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { id: string; method: string; url: string; ip?: string }) => ({
        id: req.id,
        method: req.method,
        path: req.url.split('?')[0],
      }),
    },
  };
}
