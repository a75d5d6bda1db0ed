import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'redis';

/**
 * A redis-server child on a fixed port, without persistence; restartable on
 * the same port. For tests that kill Redis or cut clients off, which they
 * must never do to the Redis other suites share.
 */
export class RedisServer {
  private child: ChildProcess | undefined;
  private text = '';

  /** `users` get their own ACL user (password = name), so a test can cut off one client and not the other. */
  constructor(
    readonly port: number,
    private readonly users: string[] = [],
  ) {}

  url(user?: string): string {
    return user ? `redis://${user}:${user}@127.0.0.1:${this.port}` : `redis://127.0.0.1:${this.port}`;
  }

  get output(): string {
    return this.text;
  }

  async start(timeoutMs = 10_000): Promise<void> {
    // Users on the command line, so they are back after a restart too.
    const users = this.users.flatMap((user) => ['--user', user, 'on', `>${user}`, '~*', '&*', '+@all']);
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1', ...users],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.child = child;
    child.on('error', (error) => (this.text += `\n${String(error)}\n`));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.text += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.text += chunk));
    const deadline = Date.now() + timeoutMs;
    while (!(await accepts(this.port))) {
      if (child.exitCode !== null || Date.now() > deadline) {
        throw new Error(`redis-server did not start on ${this.port}; output:\n${this.text}`);
      }
      await sleep(50);
    }
  }

  /** Runs one command as the default user, e.g. `ACL SETUSER`. */
  async command(...args: string[]): Promise<unknown> {
    const client = createClient({ url: this.url() });
    await client.connect();
    try {
      return await client.sendCommand(args);
    } finally {
      client.destroy();
    }
  }

  /** SIGKILL: no goodbye to the clients, like a crashed or partitioned Redis. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const closed = new Promise((resolve) => child.once('close', resolve));
    child.kill('SIGKILL');
    await closed;
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
