import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs the real entry points as child processes, the way `npm start` and
 * `npm run migrate` do, but straight from the TypeScript sources through tsx
 * (no build step to wait for or to go stale).
 */
export const serverRoot = fileURLToPath(new URL('../../', import.meta.url));
export const mainEntry = join(serverRoot, 'src', 'main.ts');
export const migrateEntry = join(serverRoot, 'src', 'db', 'migrate-cli.ts');

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const children = new Set<ChildProcess>();
const folders: string[] = [];

/** What a child gets from the environment: enough to run Node, none of the test runner's settings. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'TEMP', 'TMP', 'SYSTEMROOT', 'LANG']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

export class NodeProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  private text = '';

  constructor(entry: string, env: Record<string, string>) {
    this.child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: serverRoot,
      env: { ...baseEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(this.child);
    this.child.on('error', (error) => (this.text += `\n${String(error)}\n`));
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (this.text += chunk));
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.text += chunk));
    // 'close' rather than 'exit': by then every line the process wrote has been read.
    this.exited = new Promise((resolve) => {
      this.child.on('close', (code, signal) => {
        children.delete(this.child);
        resolve({ code, signal });
      });
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the process printed (stdout and stderr interleaved), for assertions and failure messages. */
  get output(): string {
    return this.text;
  }

  /** Waits for the process to end on its own. */
  async waitForExit(timeoutMs = 30_000): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`process did not exit within ${timeoutMs} ms; output:\n${this.text}`)),
        timeoutMs,
      );
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends a signal and waits for the exit, timing how long the shutdown took. */
  async stop(signal: NodeJS.Signals, timeoutMs = 20_000): Promise<Exit & { ms: number }> {
    const started = Date.now();
    this.child.kill(signal);
    const exit = await this.waitForExit(timeoutMs);
    return { ...exit, ms: Date.now() - started };
  }

  /** Resolves once the output, from `from` on, matches. */
  async waitForOutput(pattern: RegExp, from = 0, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.text.slice(from))) {
      if (Date.now() > deadline) throw new Error(`no output matching ${pattern}; output:\n${this.text}`);
      await sleep(25);
    }
  }
}

export class ServerProcess extends NodeProcess {
  readonly url: string;

  constructor(
    readonly port: number,
    env: Record<string, string>,
  ) {
    super(mainEntry, { ...env, PORT: String(port) });
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Polls /ready until it answers 200; fails early, with the output, if the process exits. */
  async waitUntilReady(timeoutMs = 60_000): Promise<this> {
    const deadline = Date.now() + timeoutMs;
    let exit: Exit | undefined;
    void this.exited.then((e) => (exit = e));
    for (;;) {
      if (exit)
        throw new Error(`server exited (${exit.code ?? exit.signal}) before it was ready; output:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/ready`)).status === 200) return this;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`server not ready after ${timeoutMs} ms; output:\n${this.output}`);
      await sleep(100);
    }
  }

  async acceptsConnections(): Promise<boolean> {
    return fetch(`${this.url}/health`).then(
      () => true,
      () => false,
    );
  }

  async request(
    method: string,
    path: string,
    options: { body?: unknown; token?: string } = {},
  ): Promise<{ status: number; body: unknown }> {
    const headers: Record<string, string> = {};
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
  }
}

export interface HeldRequest {
  /** Sends the rest of the body and resolves with the response. */
  finish(): Promise<{ status: number; text: string }>;
}

/**
 * Starts a JSON POST but sends only part of its body, so the request stays in
 * flight (the server has read its headers, as its default info log shows)
 * until `finish` is called.
 */
export async function holdRequest(
  server: ServerProcess,
  path: string,
  payload: unknown,
  token?: string,
): Promise<HeldRequest> {
  const body = JSON.stringify(payload);
  const seen = server.output.length;
  const req = httpRequest({
    host: '127.0.0.1',
    port: server.port,
    method: 'POST',
    path,
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
  const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
  });
  // Keeps an early failure from being reported as unhandled before `finish` awaits it.
  response.catch(() => {});
  req.write(body.slice(0, 10));
  await server.waitForOutput(/"incoming request"/, seen);
  return {
    finish: () => {
      req.end(body.slice(10));
      return response.catch((error: Error) => {
        throw new Error(`held request to ${path} failed: ${error.message}; output:\n${server.output}`);
      });
    },
  };
}

/** Starts the server and waits until it is ready. */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  return new ServerProcess(await freePort(), env).waitUntilReady();
}

/** Runs an entry point to completion. */
export async function runToExit(
  entry: string,
  env: Record<string, string>,
  timeoutMs = 30_000,
): Promise<Exit & { output: string }> {
  const proc = new NodeProcess(entry, env);
  const exit = await proc.waitForExit(timeoutMs);
  return { ...exit, output: proc.output };
}

/** A port nothing listens on right now (the server does not print the one PORT=0 would pick). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A fresh, empty data folder, removed by `cleanUp`. */
export async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'icebreaker-process-'));
  folders.push(dir);
  return dir;
}

/** For afterAll: kills whatever is still running and removes the data folders. */
export async function cleanUp(): Promise<void> {
  const left = [...children];
  for (const child of left) child.kill('SIGKILL');
  await Promise.all(left.map((child) => new Promise((resolve) => child.once('close', resolve))));
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}

/** A multi-line stack trace in a process's output. */
export const stackTrace = /^\s+at\s.+:\d+:\d+\)?$/m;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
