import websocket from '@fastify/websocket';
import { Type } from 'typebox';
import type { AppContext } from '../../context.js';
import { actorOf } from '../../http/authenticate.js';
import { AppError } from '../../http/errors.js';
import { DateTime, problems } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { PresenceTracker } from '../presence/tracker.js';
import { CloseCode, Connection, type Corkable } from './connection.js';
import { gatewayLimits, MAX_FRAME_BYTES, originAllowed } from './limits.js';
import { ConnectionRegistry } from './registry.js';
import { createTicket } from './tickets.js';

/** Offered next to `ticket.<ticket>` in Sec-WebSocket-Protocol; the server echoes it. */
export const WS_PROTOCOL = 'icebreaker.v1';
const TICKET_PROTOCOL_PREFIX = 'ticket.';

const WsTicket = Type.Object(
  {
    ticket: Type.String({ description: 'Single use; opens one socket within 30 seconds' }),
    expiresAt: DateTime,
  },
  { title: 'WsTicket' },
);

const WsQuery = Type.Object({
  ticket: Type.Optional(Type.String({ maxLength: 200 })),
  cursor: Type.Optional(Type.Integer({ minimum: 0 })),
});

/** The registry closes `presence` when the app closes. */
export async function realtimeRoutes(app: App, ctx: AppContext, presence: PresenceTracker): Promise<void> {
  const registry = new ConnectionRegistry(ctx, gatewayLimits(ctx.config), app.log, presence);

  await app.register(websocket, {
    options: {
      maxPayload: MAX_FRAME_BYTES,
      // Browsers fail the handshake unless the server picks one of the offered protocols.
      handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
    },
    // ws has already closed the socket (1009 too large, 1007 bad UTF-8, ...): just note it.
    errorHandler: (error, _socket, request) => request.log.debug({ err: error }, 'websocket error'),
    preClose: (done) => {
      registry.closeAll(CloseCode.goingAway, 'Server shutting down');
      // A peer that never answers the close handshake must not hold up shutdown.
      const force = setTimeout(() => {
        for (const client of app.websocketServer.clients) client.terminate();
      }, 2_000);
      force.unref();
      done();
    },
  });
  // onClose hooks run last registered first: this one before the app's hooks that close the bus.
  app.addHook('onClose', async () => registry.stop());

  app.post(
    '/auth/ws-ticket',
    {
      schema: {
        tags: ['realtime'],
        operationId: 'createWsTicket',
        summary: 'Get a ticket for opening the WebSocket',
        description:
          'Browsers cannot set headers on a WebSocket. Open `/ws?ticket=<ticket>`, or offer the ' +
          `subprotocols \`${WS_PROTOCOL}\` and \`ticket.<ticket>\`. The ticket works once, for 30 seconds.`,
        response: { 200: WsTicket, ...problems(401) },
      },
    },
    async (request) => {
      const { ticket, expiresAt } = await createTicket(ctx, actorOf(request));
      return { ticket, expiresAt: expiresAt.toISOString() };
    },
  );

  app.route({
    method: 'GET',
    url: '/ws',
    // Authenticated inside the socket: by ticket, or by an access token in the first frame.
    config: { public: true },
    schema: {
      tags: ['realtime'],
      operationId: 'openWebSocket',
      summary: 'Open the real-time WebSocket',
      description:
        'Upgrade to a WebSocket of JSON frames `{type, data, cursor?}`. Authenticate with a ticket from ' +
        '`POST /auth/ws-ticket` (query `ticket`, or the subprotocols `' +
        WS_PROTOCOL +
        '` and `ticket.<ticket>`), or send `{"type":"auth","data":{"token":"<access token>"}}` first; ' +
        'a socket not authenticated within 5 seconds is closed with 4401. Durable events carry `cursor`: ' +
        'reconnect with the last one applied to receive each missed event once, in order; a cursor ' +
        'outside the retention window gets `resync.required`. `ready` ends the backlog.',
      security: [],
      querystring: WsQuery,
      response: {
        101: Type.Null({ description: 'Switching protocols: the socket is open' }),
        ...problems(400, 403),
      },
    },
    onRequest: async (request) => {
      if (!originAllowed(request.headers.origin, request.headers.host, ctx.config.corsOrigins)) {
        throw new AppError('FORBIDDEN', 'This origin may not open a WebSocket');
      }
    },
    handler: async () => {
      throw new AppError('VALIDATION_FAILED', 'Open /ws as a WebSocket (Upgrade: websocket)');
    },
    wsHandler: (socket, request) => {
      const query = request.query as { ticket?: string; cursor?: number };
      const connection = new Connection(
        socket,
        registry,
        {
          ticket: query.ticket ?? protocolTicket(request.headers['sec-websocket-protocol']),
          cursor: query.cursor,
        },
        // The upgraded request's TCP socket is the one the WebSocket writes to.
        request.raw.socket as Corkable | undefined,
      );
      registry.track(connection);
      connection.open();
    },
  });
}

function protocolTicket(header: string | undefined): string | undefined {
  const offered = header?.split(',').map((p) => p.trim()) ?? [];
  return offered.find((p) => p.startsWith(TICKET_PROTOCOL_PREFIX))?.slice(TICKET_PROTOCOL_PREFIX.length);
}
