/**
 * The one place that picks a WebSocket implementation: the platform's where
 * there is one (browsers, Node 22 and later), the `ws` package otherwise
 * (Node 20). `ws` implements the same browser API (its `browser` entry is
 * never loaded, since browsers take the first branch).
 */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocket;

export async function loadWebSocket(): Promise<WebSocketConstructor> {
  if (typeof globalThis.WebSocket === 'function') return globalThis.WebSocket;
  const { WebSocket } = await import('ws');
  return WebSocket as unknown as WebSocketConstructor;
}
