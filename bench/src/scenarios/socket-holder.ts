/**
 * A child process that opens and holds idle authenticated sockets, so the
 * load generator's own descriptors are spread over several processes (each
 * has its own open-file limit). Driven over IPC by the connections scenario.
 */
import type WebSocket from 'ws';
import { openSocket } from '../lib/api.js';

export type HolderRequest =
  { kind: 'open'; url: string; tokens: string[]; count: number; batch: number } | { kind: 'count' } | { kind: 'close' };

export type HolderReply =
  | { kind: 'opened'; opened: number; failed: number; retries: number; firstError: string; seconds: number }
  | { kind: 'count'; open: number };

const open = new Set<WebSocket>();
const reply = (message: HolderReply): void => void process.send!(message);

/** Tries a socket up to this many times, as a client would reconnect after a refused or timed-out connect. */
const ATTEMPTS = 3;

async function openWithRetries(url: string, token: string): Promise<{ socket: WebSocket; retries: number }> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return { socket: await openSocket(url, token), retries: attempt - 1 };
    } catch (error) {
      if (attempt >= ATTEMPTS) throw error;
    }
  }
}

async function openAll(request: Extract<HolderRequest, { kind: 'open' }>): Promise<void> {
  const startedAt = performance.now();
  let opened = 0;
  let failed = 0;
  let retries = 0;
  let firstError = '';
  while (opened + failed < request.count) {
    const batch = Math.min(request.batch, request.count - opened - failed);
    const results = await Promise.allSettled(
      Array.from({ length: batch }, (_, i) =>
        openWithRetries(request.url, request.tokens[(opened + failed + i) % request.tokens.length]!),
      ),
    );
    for (const result of results) {
      if (result.status === 'fulfilled') {
        const { socket } = result.value;
        opened += 1;
        retries += result.value.retries;
        open.add(socket);
        socket.once('close', () => open.delete(socket));
      } else {
        failed += 1;
        firstError ||= String(result.reason);
      }
    }
    if (failed > request.count / 10) break;
  }
  reply({ kind: 'opened', opened, failed, retries, firstError, seconds: (performance.now() - startedAt) / 1000 });
}

process.on('message', (request: HolderRequest) => {
  if (request.kind === 'open') void openAll(request);
  else if (request.kind === 'count') reply({ kind: 'count', open: open.size });
  else {
    for (const socket of open) socket.terminate();
    process.exit(0);
  }
});
