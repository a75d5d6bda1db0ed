import autocannon from 'autocannon';
import { cpuSeconds } from './process-stats.js';

export interface HttpResult {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  /** CPU time the server process spent per request (user + system), when its pid was given. */
  serverCpuMsPerRequest: number;
}

/** Closed-loop HTTP load with autocannon; latency percentiles in milliseconds. */
export async function httpLoad(options: {
  url: string;
  connections: number;
  seconds: number;
  /** Requests to rotate through (different callers and places), so no cache flatters the figures. */
  requests: { path: string; headers: Record<string, string> }[];
  serverPid?: number;
}): Promise<HttpResult> {
  let next = 0;
  const cpuBefore = options.serverPid === undefined ? 0 : cpuSeconds(options.serverPid);
  const result = await autocannon({
    url: options.url,
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
      options.serverPid === undefined
        ? Number.NaN
        : ((cpuSeconds(options.serverPid) - cpuBefore) * 1000) / Math.max(1, result.requests.total),
  };
}
