import { Agent, request } from 'node:http';

export interface CallResult {
  ok: boolean;
  /** `<status> <problem code>`, or the network error's code. */
  code: string;
  json: Record<string, unknown>;
}

/**
 * JSON calls over a bounded pool of keep-alive connections. Thousands of
 * simulated users cannot each hold a connection from one load generator (its
 * descriptors are limited), so requests beyond the pool wait for a free
 * connection — time an open loop counts as latency, as it should.
 */
export class HttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    connections: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: connections });
  }

  call(method: string, path: string, token: string, body?: unknown): Promise<CallResult> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve) => {
      const req = request(
        `${this.baseUrl}${path}`,
        {
          method,
          agent: this.agent,
          headers: {
            authorization: `Bearer ${token}`,
            ...(payload === undefined
              ? {}
              : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            let json: Record<string, unknown> = {};
            try {
              json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
            } catch {
              // an empty or non-JSON body
            }
            const status = res.statusCode ?? 0;
            resolve({ ok: status >= 200 && status < 300, code: `${status} ${String(json.code ?? '')}`.trim(), json });
          });
          res.on('error', (error: NodeJS.ErrnoException) =>
            resolve({ ok: false, code: error.code ?? error.message, json: {} }),
          );
        },
      );
      req.on('error', (error: NodeJS.ErrnoException) =>
        resolve({ ok: false, code: error.code ?? error.message, json: {} }),
      );
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
