import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const serverEntry = join(root, 'server', 'dist', 'main.js');
const webDir = join(root, 'web', 'dist');

export interface RunningServer {
  url: string;
  /** Lines the server logged at warn or above, to show when a test fails. */
  problems: string[];
  stop(): Promise<void>;
}

/**
 * The built server as `npm start` runs it: embedded PGlite in a fresh data
 * folder, the built web app at `/`, on a port the system picks.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  for (const built of [serverEntry, join(webDir, 'index.html')]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build" at the repository root first`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'icebreaker-e2e-'));
  // The embedded default, whatever database or Redis the surrounding test run points at.
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, [serverEntry], {
    env: {
      ...inherited,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_DIR: webDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const problems: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => problems.push(chunk.toString()));
  const stop = async () => {
    await stopProcess(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    const url = await listeningUrl(child, problems);
    return { url, problems, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Reads the JSON log until the server says where it listens. */
function listeningUrl(child: ChildProcess, problems: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${problems.join('')}`)), 150_000);
    child.once('exit', (code) => reject(new Error(`The server exited with ${code}:\n${problems.join('')}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: { level?: number; msg?: string };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        return;
      }
      if ((entry.level ?? 0) >= 40) problems.push(line);
      const match = /running on (http:\/\/\S+)/.exec(entry.msg ?? '');
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
  });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
