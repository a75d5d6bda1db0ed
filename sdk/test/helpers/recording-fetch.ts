import { operationGroups } from '../../src/index.js';

export interface Recorded {
  method: string;
  path: string;
  status: number;
  headers: Headers;
}

/** A fetch that notes every request and its answer's status, to count and inspect what the SDK sent. */
export function recordingFetch(log: Recorded[], inner: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const response = await inner(request);
    log.push({
      method: request.method,
      path: new URL(request.url).pathname,
      status: response.status,
      headers: request.headers,
    });
    return response;
  };
}

/** The operationIds the recorded requests reached, by matching their paths against the templates. */
export function operationsReached(log: Recorded[]): Set<string> {
  const reached = new Set<string>();
  for (const group of Object.values(operationGroups)) {
    for (const [id, op] of Object.entries(group as Record<string, { method: string; path: string }>)) {
      const pattern = new RegExp(`^${op.path.replace(/\{\w+\}/g, '[^/]+')}$`);
      // A literal path wins over a template that also matches it (/users/me over /users/{id}).
      const hit = log.some(
        (r) =>
          r.method === op.method.toUpperCase() &&
          pattern.test(r.path) &&
          r.status < 400 &&
          !(op.path.includes('{') && literalMatch(r.method, r.path)),
      );
      if (hit) reached.add(id);
    }
  }
  return reached;
}

function literalMatch(method: string, path: string): boolean {
  return Object.values(operationGroups).some((group) =>
    Object.values(group as Record<string, { method: string; path: string }>).some(
      (op) => op.method.toUpperCase() === method && op.path === path,
    ),
  );
}

export const allOperations = (): string[] => Object.values(operationGroups).flatMap((group) => Object.keys(group));
