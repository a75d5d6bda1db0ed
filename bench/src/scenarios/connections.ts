/**
 * Idle authenticated WebSockets held by one instance, and by two sharing
 * Redis, with the resident memory each socket costs. The sockets are opened
 * by child processes (see socket-holder.ts), since a socket costs a
 * descriptor at both ends and every process has its own open-file limit.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type WebSocket from 'ws';
import { openSocket } from '../lib/api.js';
import { freshDatabase } from '../lib/database.js';
import { mib, openFileLimit, rssBytes } from '../lib/process-stats.js';
import type { ResultRow, ScenarioResult } from '../lib/report.js';
import { REDIS_URL, setting, sleep } from '../lib/scale.js';
import { seedUsers } from '../lib/seed-users.js';
import { startServer, type RunningServer } from '../lib/server-process.js';
import type { HolderReply, HolderRequest } from './socket-holder.js';

/** Descriptors an instance keeps free for everything else it opens (database pool, listeners, files). */
const FD_MARGIN = 200;
const fdLimit = openFileLimit();
const ONE_INSTANCE = Math.min(setting('BENCH_SOCKETS', 19_800, 500), fdLimit - FD_MARGIN);
const TWO_INSTANCES = setting('BENCH_SOCKETS_TWO', 20_000, 1_000);
const BATCH = setting('BENCH_BATCH', 250, 100);
const USERS = 20;
const SETTLE_MS = 5_000;
const TARGET = { sockets: 20_000, kibPerSocket: 30 };
const holderEntry = fileURLToPath(new URL('./socket-holder.ts', import.meta.url));

class Holder {
  private readonly child: ChildProcess = fork(holderEntry, { execArgv: ['--import', 'tsx'] });
  private readonly waiting: ((reply: HolderReply) => void)[] = [];

  constructor() {
    this.child.on('message', (reply: HolderReply) => this.waiting.shift()?.(reply));
  }

  private ask<K extends HolderReply['kind']>(request: HolderRequest): Promise<Extract<HolderReply, { kind: K }>> {
    return new Promise((resolve) => {
      this.waiting.push((reply) => resolve(reply as Extract<HolderReply, { kind: K }>));
      this.child.send(request);
    });
  }

  open = (url: string, tokens: string[], count: number) =>
    this.ask<'opened'>({ kind: 'open', url, tokens, count, batch: BATCH });
  count = async (): Promise<number> => (await this.ask<'count'>({ kind: 'count' })).open;
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      this.child.once('exit', () => resolve());
      this.child.send({ kind: 'close' } satisfies HolderRequest);
    });
  }
}

/** Opens `perInstance[i]` sockets on instance i, two holders per instance. */
async function hold(mode: 'single' | 'redis', total: number): Promise<ResultRow> {
  const { url, db } = await freshDatabase('connections');
  const secret = randomBytes(32).toString('hex');
  const env: Record<string, string> = {
    DATABASE_URL: url,
    JWT_SECRET: secret,
    // A handful of users hold every socket.
    WS_MAX_SOCKETS_PER_USER: String(total),
    ...(mode === 'redis' ? { REDIS_URL } : {}),
  };
  const servers: RunningServer[] = [await startServer(env)];
  if (mode === 'redis') servers.push(await startServer(env));
  const warm: WebSocket[] = [];
  const holders: Holder[] = [];
  try {
    const users = await seedUsers(db, secret, 'idle', USERS);
    const tokens = users.map((u) => u.token);
    // A few sockets first, so code paths are loaded and the baseline excludes them.
    for (const server of servers) for (const token of tokens) warm.push(await openSocket(server.url, token));
    await sleep(SETTLE_MS);
    const before = servers.map((s) => rssBytes(s.pid));
    const perInstance = Math.floor(total / servers.length);
    const jobs = servers.flatMap((server) => {
      const halves = [Math.ceil(perInstance / 2), Math.floor(perInstance / 2)];
      return halves.map((count) => {
        const holder = new Holder();
        holders.push(holder);
        return holder.open(server.url, tokens, count);
      });
    });
    const opened = await Promise.all(jobs);
    await sleep(SETTLE_MS);
    const after = servers.map((s) => rssBytes(s.pid));
    const held = (await Promise.all(holders.map((h) => h.count()))).reduce((x, y) => x + y, 0);
    const failed = opened.reduce((x, r) => x + r.failed, 0);
    const retries = opened.reduce((x, r) => x + r.retries, 0);
    const firstError = opened.find((r) => r.firstError)?.firstError;
    const connectSeconds = Math.max(...opened.map((r) => r.seconds));
    const kibPerSocket = servers.map((_, i) => (after[i]! - before[i]!) / 1024 / (held / servers.length));
    const worst = Math.max(...kibPerSocket);
    return {
      label: mode === 'single' ? 'one instance' : 'two instances + Redis',
      figures: {
        'sockets held': held,
        failed,
        'retried connects': retries,
        'connect s': connectSeconds,
        'RSS before': `${before.map((b) => mib(b).toFixed(0)).join('+')} MiB`,
        'RSS after': `${after.map((b) => mib(b).toFixed(0)).join('+')} MiB`,
        'KiB/socket': kibPerSocket.map((k) => k.toFixed(1)).join(' / '),
        ...(firstError ? { 'first failure': firstError.slice(0, 80) } : {}),
      },
      target:
        mode === 'single'
          ? `≤ ${TARGET.kibPerSocket} KiB/socket (20,000 need two processes here)`
          : `${TARGET.sockets.toLocaleString('en')} sockets at ≤ ${TARGET.kibPerSocket} KiB each`,
      met:
        worst <= TARGET.kibPerSocket && failed === 0 && held === total && (mode === 'single' || held >= TARGET.sockets),
    };
  } finally {
    await Promise.all(holders.map((h) => h.close()));
    for (const socket of warm) socket.terminate();
    await sleep(1000);
    await Promise.all(servers.map((s) => s.stop()));
    await db.destroy();
  }
}

export async function connectionsScenario(): Promise<ScenarioResult> {
  const rows = [await hold('single', ONE_INSTANCE), await hold('redis', TWO_INSTANCES)];
  return {
    scenario: 'idle connections',
    setup:
      `${ONE_INSTANCE.toLocaleString('en')} idle sockets on one instance, then ${TWO_INSTANCES.toLocaleString('en')} over ` +
      `two instances sharing Redis; ${USERS} users, tokens in the first frame, batches of ${BATCH} connects ` +
      `(each waits for every socket's ready), RSS read ${SETTLE_MS / 1000} s after the last batch`,
    rows,
    notes: [
      `The open-file limit here is ${fdLimit.toLocaleString('en')} per process, so one instance cannot hold 20,000 sockets ` +
        'plus its own descriptors; the load generator opens its sockets from child processes for the same reason.',
      'RSS per socket = (RSS after − RSS before) / sockets held on that instance: the whole process, garbage not yet collected included.',
    ],
  };
}
