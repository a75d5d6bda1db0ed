/**
 * Where the SDK keeps what must survive a reload or a restart: the session,
 * the real-time cursor and the outbox. Values are plain JSON data.
 */
export interface KeyValueStorage {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key that starts with `prefix`, in ascending order. */
  keys(prefix: string): Promise<string[]>;
}

/** Keeps nothing beyond the process: the default, and for tests. */
export class MemoryStorage implements KeyValueStorage {
  private readonly data = new Map<string, string>();

  async get<T>(key: string): Promise<T | undefined> {
    const text = this.data.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async set(key: string, value: unknown): Promise<void> {
    // A copy, as the persistent storages keep: later changes to `value` do not leak in.
    this.data.set(key, JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }

  async keys(prefix: string): Promise<string[]> {
    return [...this.data.keys()].filter((key) => key.startsWith(prefix)).sort();
  }
}
