import WebSocket from 'ws';

export interface BenchUser {
  id: number;
  token: string;
}

/** JSON over HTTP; throws on anything but 2xx. */
export async function postJson<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Registers `count` users, a few at a time (password hashing is deliberately slow). */
export async function registerUsers(baseUrl: string, prefix: string, count: number): Promise<BenchUser[]> {
  const users: BenchUser[] = new Array<BenchUser>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) {
      const registered = await postJson<{ user: { id: number }; accessToken: string }>(`${baseUrl}/users/`, {
        email: `${prefix}${i}@example.com`,
        password: 'benchmark password',
        displayName: `${prefix} ${i}`,
      });
      users[i] = { id: registered.user.id, token: registered.accessToken };
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, count) }, worker));
  return users;
}

export interface ServerFrame {
  type: string;
  data: Record<string, unknown>;
  cursor?: number;
}

/**
 * Opens an authenticated socket (access token in the first frame) and
 * resolves once the server has sent `ready`; `onFrame` sees every frame after it.
 */
export function openSocket(
  baseUrl: string,
  token: string,
  onFrame: (frame: ServerFrame) => void = () => {},
  timeoutMs = 30_000,
): Promise<WebSocket> {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ws`);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('socket not ready in time'));
    }, timeoutMs);
    let ready = false;
    ws.once('open', () => ws.send(JSON.stringify({ type: 'auth', data: { token } })));
    ws.on('message', (data: Buffer) => {
      const frame = JSON.parse(data.toString('utf8')) as ServerFrame;
      if (ready) return onFrame(frame);
      if (frame.type === 'ready') {
        ready = true;
        clearTimeout(timer);
        resolve(ws);
      }
    });
    ws.once('close', (code, reason) => {
      clearTimeout(timer);
      if (!ready) reject(new Error(`socket closed before ready: ${code} ${reason.toString()}`));
    });
    ws.on('error', (error) => {
      clearTimeout(timer);
      if (!ready) reject(error);
    });
  });
}
