import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyValueStorage } from './storage.js';

/**
 * Node storage in one JSON file. Every change rewrites the file through a
 * temporary file and a rename, so a crash leaves the old or the new
 * contents, never half of each. One process per file.
 */
export class FileStorage implements KeyValueStorage {
  private data: Promise<Record<string, unknown>> | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {}

  async get<T>(key: string): Promise<T | undefined> {
    const data = await this.load();
    return Object.hasOwn(data, key) ? (structuredClone(data[key]) as T) : undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    if (value === undefined) return this.delete(key);
    const data = await this.load();
    data[key] = JSON.parse(JSON.stringify(value)) as unknown;
    await this.save(data);
  }

  async delete(key: string): Promise<void> {
    const data = await this.load();
    if (!Object.hasOwn(data, key)) return;
    delete data[key];
    await this.save(data);
  }

  async keys(prefix: string): Promise<string[]> {
    return Object.keys(await this.load())
      .filter((key) => key.startsWith(prefix))
      .sort();
  }

  private load(): Promise<Record<string, unknown>> {
    this.data ??= readFile(this.path, 'utf8').then(
      (text) => JSON.parse(text) as Record<string, unknown>,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return {};
        throw error;
      },
    );
    return this.data;
  }

  /** Writes one at a time, each with the state as it is when its turn comes. */
  private save(data: Record<string, unknown>): Promise<void> {
    const write = this.writing.then(async () => {
      const temporary = `${this.path}.${process.pid}.tmp`;
      await mkdir(dirname(this.path), { recursive: true });
      await writeFile(temporary, JSON.stringify(data));
      await rename(temporary, this.path);
    });
    this.writing = write.catch(() => {});
    return write;
  }
}
