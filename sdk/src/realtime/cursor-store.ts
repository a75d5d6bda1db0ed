import type { KeyValueStorage } from '../storage/storage.js';

/**
 * The last cursor this user's listeners were handed, kept in storage so a
 * reload or a restart resumes after it. Writes go out one at a time and
 * the latest wins, so a fast backlog does not queue a write per event.
 */
export class CursorStore {
  private value: number | undefined;
  private loadedFor: number | undefined;
  private dirty = false;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly storage: KeyValueStorage,
    private readonly onError: (error: unknown) => void,
  ) {}

  get cursor(): number | undefined {
    return this.value;
  }

  /** Loads the user's cursor (once per user). */
  async load(userId: number): Promise<number | undefined> {
    if (this.loadedFor === userId) return this.value;
    await this.flush();
    this.value = await this.storage.get<number>(key(userId));
    this.loadedFor = userId;
    return this.value;
  }

  /** Records `cursor` as applied; never moves backwards. */
  advance(cursor: number): void {
    if (this.loadedFor === undefined || (this.value !== undefined && cursor <= this.value)) return;
    this.value = cursor;
    this.dirty = true;
    this.startWriting(this.loadedFor);
  }

  /** After a resync: the server's head, even when it is behind the old cursor (a reset stream). */
  reset(cursor: number): void {
    if (this.loadedFor === undefined) return;
    this.value = cursor;
    this.dirty = true;
    this.startWriting(this.loadedFor);
  }

  /** Resolves once the latest cursor is in storage. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private startWriting(userId: number): void {
    if (this.writing) return;
    this.writing = (async () => {
      while (this.dirty && this.loadedFor === userId) {
        this.dirty = false;
        await this.storage.set(key(userId), this.value);
      }
    })()
      .catch((error: unknown) => {
        // Kept in memory; the next event tries again. Resuming from an older cursor only repeats events.
        this.dirty = true;
        this.onError(error);
      })
      .finally(() => {
        this.writing = undefined;
      });
  }
}

const key = (userId: number): string => `icebreaker:cursor:${userId}`;
