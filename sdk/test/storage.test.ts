import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexedDbStorage, MemoryStorage, type KeyValueStorage } from '../src/index.js';
import { FileStorage } from '../src/node.js';

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'icebreaker-sdk-storage-'));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

// fake-indexeddb: the IndexedDB API in plain JavaScript, in memory; browsers run the same code on the real one.
const kinds: Array<[string, () => KeyValueStorage]> = [
  ['memory', () => new MemoryStorage()],
  ['a JSON file', () => new FileStorage(join(folder, `${Math.random()}.json`))],
  ['IndexedDB', () => new IndexedDbStorage({ factory: new IDBFactory(), keyRange: IDBKeyRange })],
];

describe.each(kinds)('storage in %s', (_name, create) => {
  it('keeps JSON values by key, as copies', async () => {
    const storage = create();
    const value = { a: 1, list: [1, 2], nested: { b: 'x' } };
    await storage.set('k', value);
    value.a = 2;
    expect(await storage.get('k')).toEqual({ a: 1, list: [1, 2], nested: { b: 'x' } });
    expect(await storage.get('missing')).toBeUndefined();
    await storage.delete('k');
    expect(await storage.get('k')).toBeUndefined();
  });

  it('lists the keys under a prefix in order', async () => {
    const storage = create();
    for (const key of ['q:3', 'p:2', 'p:1', 'p:10', 'pp:1']) await storage.set(key, key);
    expect(await storage.keys('p:')).toEqual(['p:1', 'p:10', 'p:2']);
  });
});

it('a JSON file survives a new instance and is never half written', async () => {
  const path = join(folder, 'kept.json');
  const first = new FileStorage(path);
  await Promise.all(Array.from({ length: 20 }, (_, i) => first.set(`k${i}`, i)));
  JSON.parse(await readFile(path, 'utf8'));
  const second = new FileStorage(path);
  expect(await second.get('k19')).toBe(19);
  expect(await second.keys('k')).toHaveLength(20);
});

it('IndexedDB is shared by instances on the same database, as tabs share it', async () => {
  const factory = new IDBFactory();
  const first = new IndexedDbStorage({ factory, keyRange: IDBKeyRange });
  await first.set('icebreaker:cursor:1', 42);
  const second = new IndexedDbStorage({ factory, keyRange: IDBKeyRange });
  expect(await second.get('icebreaker:cursor:1')).toBe(42);
  await first.close();
  await second.close();
});
