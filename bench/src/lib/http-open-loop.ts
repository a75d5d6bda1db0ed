import { HttpClient } from './http-client.js';
import { openLoop } from './op-stats.js';
import { cpuSeconds } from './process-stats.js';
import { sleep } from './scale.js';
import { percentile } from './stats.js';

export interface OpenLoopResult {
  /** The rate requests were issued at. */
  rate: number;
  /** Requests answered with success per second of the window. */
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  requests: number;
  /** Answered with a failure, or not answered by the end of the drain. */
  errors: number;
  /** CPU time the server process spent per request (user + system). */
  serverCpuMsPerRequest: number;
}

/**
 * GET requests issued at a fixed rate whatever happened to earlier ones (open
 * loop), each one's latency counted from the time it was due, so a stall
 * shows as latency instead of as fewer requests. Requests beyond the pool of
 * keep-alive connections wait for one, and that wait counts too.
 */
export async function httpOpenLoop(options: {
  url: string;
  rate: number;
  seconds: number;
  /** Requests to rotate through, each with its caller's token. */
  requests: { path: string; token: string }[];
  serverPid: number;
  connections: number;
  drainSeconds: number;
}): Promise<OpenLoopResult> {
  const client = new HttpClient(options.url, options.connections);
  const latencies: number[] = [];
  let issued = 0;
  let failed = 0;
  const cpuBefore = cpuSeconds(options.serverPid);
  try {
    await openLoop(
      [
        {
          rate: options.rate,
          fire: (dueAt) => {
            const chosen = options.requests[issued++ % options.requests.length]!;
            void client.call('GET', chosen.path, chosen.token).then((r) => {
              if (r.ok) latencies.push(performance.now() - dueAt);
              else failed += 1;
            });
          },
        },
      ],
      options.seconds,
    );
    const drainUntil = performance.now() + options.drainSeconds * 1000;
    while (latencies.length + failed < issued && performance.now() < drainUntil) await sleep(10);
  } finally {
    client.close();
  }
  const answered = latencies.length + failed;
  const sorted = latencies.sort((a, b) => a - b);
  const round = (ms: number): number => Math.round(ms * 10) / 10;
  return {
    rate: options.rate,
    rps: sorted.length / options.seconds,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    requests: issued,
    errors: failed + (issued - answered),
    serverCpuMsPerRequest: ((cpuSeconds(options.serverPid) - cpuBefore) * 1000) / Math.max(1, answered),
  };
}
