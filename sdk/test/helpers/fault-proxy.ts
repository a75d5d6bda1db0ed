import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** What the proxy does with one request. */
export type Fault =
  | 'forward'
  /** Forwards it, lets the server act on it, then cuts the connection before the answer. */
  | 'lose-answer'
  | { status: number; headers?: Record<string, string>; body?: unknown };

/**
 * An HTTP proxy in front of the real server that answers or breaks the
 * requests a test picks, to stand in for a load balancer under pressure
 * or a flaky network. Everything else passes through.
 */
export class FaultProxy {
  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** Every request that came in, in order. */
    readonly seen: Array<{ method: string; path: string; at: number; headers: IncomingMessage['headers'] }>,
  ) {}

  static async start(target: () => string, decide: (method: string, path: string) => Fault): Promise<FaultProxy> {
    const seen: FaultProxy['seen'] = [];
    const server = createServer((req, res) => {
      const path = req.url ?? '/';
      seen.push({ method: req.method ?? 'GET', path, at: Date.now(), headers: req.headers });
      const fault = decide(req.method ?? 'GET', path);
      if (typeof fault === 'object') {
        req.resume();
        res.writeHead(fault.status, { 'content-type': 'application/problem+json', ...fault.headers });
        res.end(
          JSON.stringify(fault.body ?? { status: fault.status, code: 'INJECTED', title: 'Injected', detail: '' }),
        );
        return;
      }
      forward(target(), req, res, fault === 'lose-answer');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address() as { port: number };
    return new FaultProxy(server, `http://127.0.0.1:${address.port}`, seen);
  }

  count(method: string, path: string): number {
    return this.seen.filter((r) => r.method === method && r.path === path).length;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function forward(target: string, req: IncomingMessage, res: ServerResponse, loseAnswer: boolean): void {
  const url = new URL(req.url ?? '/', target);
  const upstream = request(url, { method: req.method, headers: { ...req.headers, host: url.host } }, (answer) => {
    if (loseAnswer) {
      answer.resume();
      answer.on('end', () => res.socket?.destroy());
      return;
    }
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.socket?.destroy());
  req.pipe(upstream);
}
