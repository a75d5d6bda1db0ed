import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../process/server-process.js';

const run = promisify(execFile);

/**
 * A PostgreSQL server of the test's own, in a temporary folder on a free
 * port, which the test may stop and start at will: the PostgreSQL other
 * suites share must never be restarted.
 */

/** The folder holding initdb, pg_ctl and postgres, or why there is none. */
export function findPostgresBinaries(): { dir: string } | { missing: string } {
  const candidates: string[] = [];
  try {
    const versions = readdirSync('/usr/lib/postgresql').sort((x, y) => Number(y) - Number(x));
    candidates.push(...versions.map((v) => join('/usr/lib/postgresql', v, 'bin')));
  } catch {
    // not a Debian layout
  }
  candidates.push(...(process.env.PATH ?? '').split(':').filter(Boolean));
  const dir = candidates.find((d) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(d, b))));
  return dir ? { dir } : { missing: 'PostgreSQL server binaries (initdb, pg_ctl, postgres) are not installed' };
}

export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    readonly dataDir: string,
    readonly port: number,
    /** PostgreSQL refuses to run as root: as root, every command runs as this user. */
    private readonly osUser: string | undefined,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/icebreaker`;
  }

  /** initdb, start, and an empty `icebreaker` database. */
  static async create(bin: string): Promise<PrivatePostgres> {
    const root = await mkdtemp(join(tmpdir(), 'icebreaker-pg-'));
    const osUser = process.getuid?.() === 0 ? 'postgres' : undefined;
    if (osUser) {
      const uid = Number((await run('id', ['-u', osUser])).stdout.trim());
      const gid = Number((await run('id', ['-g', osUser])).stdout.trim());
      await chown(root, uid, gid);
    }
    const server = new PrivatePostgres(bin, join(root, 'data'), await freePort(), osUser);
    await server.pg('initdb', ['-D', server.dataDir, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
    await server.start();
    const client = new pg.Client({ connectionString: server.url.replace(/\/icebreaker$/, '/postgres') });
    await client.connect();
    try {
      await client.query('CREATE DATABASE icebreaker');
    } finally {
      await client.end();
    }
    return server;
  }

  /** Starts and waits until connections are accepted. */
  async start(): Promise<void> {
    const options = [
      `-p ${this.port}`,
      '-c listen_addresses=127.0.0.1',
      `-c unix_socket_directories=${join(this.dataDir, '..')}`,
      // Only the process crashes, never the machine: without fsync, the WAL a
      // commit writes still survives. synchronous_commit stays on, or an
      // immediate shutdown would lose acknowledged commits.
      '-c fsync=off',
      '-c full_page_writes=off',
    ].join(' ');
    await this.pg('pg_ctl', ['start', '-w', '-t', '30', '-D', this.dataDir, '-o', options, '-l', this.logFile]);
  }

  /** `fast` rolls back and disconnects every session; `immediate` is a crash, recovered from on the next start. */
  async stop(mode: 'fast' | 'immediate'): Promise<void> {
    await this.pg('pg_ctl', ['stop', '-w', '-t', '30', '-D', this.dataDir, '-m', mode]);
  }

  /** The server's log, for failure messages. */
  async log(): Promise<string> {
    return readFile(this.logFile, 'utf8').catch(() => '');
  }

  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => {});
    await rm(join(this.dataDir, '..'), { recursive: true, force: true });
  }

  private get logFile(): string {
    return join(this.dataDir, '..', 'postgres.log');
  }

  private async pg(binary: string, args: string[]): Promise<void> {
    const path = join(this.bin, binary);
    const [command, argv] = this.osUser ? ['runuser', ['-u', this.osUser, '--', path, ...args]] : [path, args];
    try {
      await run(command, argv, { cwd: tmpdir() });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`${binary} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}\n${await this.log()}`, {
        cause: error,
      });
    }
  }
}
