import type { Config } from '../../config.js';

/** What keeps one socket from hurting the others. */
export interface GatewayLimits {
  /** A socket that has not authenticated by then is closed. */
  authTimeoutMs: number;
  /** The server pings this often; a socket that missed the previous pong is terminated. */
  heartbeatMs: number;
  /** Sustained client frames per second, and the burst allowed above it. */
  framesPerSecond: number;
  frameBurst: number;
  /** Bad frames (invalid JSON, unknown type) a socket may send before it is closed. */
  maxBadFrames: number;
  /** Bytes queued for a slow client: past it ephemeral frames are dropped, then the socket is closed. */
  sendBufferBytes: number;
  /** Past it, the user's oldest socket is closed. */
  maxSocketsPerUser: number;
  /** Durable events read per query while catching up. */
  catchUpPageSize: number;
  /** `message.send` frames of one socket waiting for their ack; past it, the socket's next frames wait. */
  maxPendingSends: number;
}

export const MAX_FRAME_BYTES = 64 * 1024;

export function gatewayLimits(config: Config): GatewayLimits {
  return { ...config.websocket, maxBadFrames: 10, catchUpPageSize: 500, maxPendingSends: 64 };
}

/** A token bucket on a monotonic clock: `take()` is false once the client outruns the rate. */
export class TokenBucket {
  private tokens: number;
  private last = performance.now();

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  take(): boolean {
    const now = performance.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/**
 * Browsers always send `Origin`; other clients may not. Same-origin pages
 * (the web app served by this server) are always allowed.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: string[]): boolean {
  if (origin === undefined) return true;
  const normalized = origin.trim().toLowerCase().replace(/\/+$/, '');
  let originHost: string;
  try {
    originHost = new URL(normalized).host;
  } catch {
    return false;
  }
  if (host !== undefined && originHost === host.toLowerCase()) return true;
  return allowed.some((entry) => entry.toLowerCase().replace(/\/+$/, '') === normalized);
}
