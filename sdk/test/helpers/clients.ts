import { randomUUID } from 'node:crypto';
import { Icebreaker, MemoryStorage, type IcebreakerOptions } from '../../src/index.js';

const fast = { initialMs: 50, maxMs: 400 };

/** An SDK client with quick retries, closed by `closeClients` after each file. */
export function newClient(baseUrl: string, options: Partial<IcebreakerOptions> = {}): Icebreaker {
  const client = new Icebreaker({
    baseUrl,
    storage: new MemoryStorage(),
    reconnectBackoff: fast,
    retryBackoff: fast,
    resyncBackoff: fast,
    requestTimeoutMs: 5_000,
    ...options,
  });
  open.add(client);
  return client;
}

const open = new Set<Icebreaker>();

export async function closeClients(): Promise<void> {
  await Promise.all([...open].map((c) => c.close()));
  open.clear();
}

let counter = 0;

/** Registers through the SDK, as an app would; returns the email and password too. */
export async function signUp(
  client: Icebreaker,
  overrides: Record<string, unknown> = {},
): Promise<{ id: number; email: string; password: string }> {
  counter += 1;
  const email = `sdk${counter}-${randomUUID().slice(0, 8)}@example.com`;
  const password = 'correct horse battery';
  const session = await client.register({ email, password, displayName: `Person ${counter}`, ...overrides });
  return { id: session.userId, email, password };
}

/** Resolves once `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Two users who share a chat room, each with a client. */
export async function chatPair(baseUrl: string, options: Partial<IcebreakerOptions> = {}) {
  const alice = newClient(baseUrl, options);
  const bob = newClient(baseUrl, options);
  const a = await signUp(alice);
  const b = await signUp(bob);
  const room = await alice.api.chat.createChatRoom({ body: { participant2Id: b.id } });
  return { alice, bob, a, b, room };
}
