import type { KeyValueStorage } from './storage.js';

export interface IndexedDbStorageOptions {
  /** Database name; one per app and origin is enough. */
  name?: string;
  /** Defaults to the browser's `indexedDB`. */
  factory?: IDBFactory;
  /** Defaults to the browser's `IDBKeyRange`. */
  keyRange?: typeof IDBKeyRange;
}

const STORE = 'kv';

/** Browser storage: one IndexedDB object store of JSON values, shared by the tabs of an origin. */
export class IndexedDbStorage implements KeyValueStorage {
  private readonly db: Promise<IDBDatabase>;
  private readonly keyRange: typeof IDBKeyRange;

  constructor(options: IndexedDbStorageOptions = {}) {
    const factory = options.factory ?? globalThis.indexedDB;
    this.keyRange = options.keyRange ?? globalThis.IDBKeyRange;
    if (!factory || !this.keyRange) throw new Error('IndexedDB is not available here: pass another storage');
    this.db = new Promise((resolve, reject) => {
      const request = factory.open(options.name ?? 'icebreaker', 1);
      request.onupgradeneeded = () => request.result.createObjectStore(STORE);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
      request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
    });
  }

  async get<T>(key: string): Promise<T | undefined> {
    return (await this.run('readonly', (store) => store.get(key))) as T | undefined;
  }

  async set(key: string, value: unknown): Promise<void> {
    await this.run('readwrite', (store) => store.put(value, key));
  }

  async delete(key: string): Promise<void> {
    await this.run('readwrite', (store) => store.delete(key));
  }

  async keys(prefix: string): Promise<string[]> {
    const range = this.keyRange.bound(prefix, `${prefix}\uffff`);
    const keys = await this.run('readonly', (store) => store.getAllKeys(range));
    return (keys as IDBValidKey[]).map(String);
  }

  async close(): Promise<void> {
    (await this.db).close();
  }

  /** One request in its own transaction; resolves when the transaction has committed. */
  private async run<R>(mode: IDBTransactionMode, operation: (store: IDBObjectStore) => IDBRequest<R>): Promise<R> {
    const db = await this.db;
    return new Promise<R>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = operation(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? request.error ?? new Error('IndexedDB request failed'));
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  }
}
