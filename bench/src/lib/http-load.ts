import autocannon from 'autocannon';
import { cpuSeconds } from './process-stats.js';

export interface HttpResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU time the server processes spent per request (user + system, all instances), when their pids were given. */
  serverCpuMsPerRequest: number;
}

/**
 * Closed-loop HTTP load with autocannon; latency percentiles in milliseconds.
 * Given several instances' URLs, autocannon spreads the connections evenly
 * over them (as a load balancer would) and keeps one latency histogram.
 */
export async function httpLoad(options: {
  url: string | string[];
  connections: number;
  seconds: number;
  /** Requests to rotate through (different callers and places), so no cache flatters the figures. */
  requests: { path: string; headers: Record<string, string> }[];
  /** The server processes to charge CPU to: one per instance. */
  serverPid?: number | number[];
}): Promise<HttpResult> {
  let next = 0;
  const pids = options.serverPid === undefined ? [] : [options.serverPid].flat();
  const serversCpu = (): number => pids.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  const cpuBefore = serversCpu();
  const result = await autocannon({
    // autocannon takes a list of URLs too, though its types say one.
    url: options.url as string,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        setupRequest: (request) => {
          const chosen = options.requests[next++ % options.requests.length]!;
          return { ...request, path: chosen.path, headers: { ...request.headers, ...chosen.headers } };
        },
      },
    ],
  });
  return {
    rps: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    serverCpuMsPerRequest:
      pids.length === 0 ? Number.NaN : ((serversCpu() - cpuBefore) * 1000) / Math.max(1, result.requests.total),
  };
}
