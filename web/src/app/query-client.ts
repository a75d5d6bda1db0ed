import { ApiError, type Icebreaker } from '@icebreaker/sdk';
import { QueryClient } from '@tanstack/react-query';

/** Refusals (4xx) are final; no answer or a busy server is worth another try. */
const retry = (failures: number, error: unknown): boolean =>
  failures < 3 && !(error instanceof ApiError && error.status < 500 && error.status !== 429);

export function createQueryClient(ib: Icebreaker): QueryClient {
  const client = new QueryClient({
    defaultOptions: {
      queries: { retry, staleTime: 15_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
  // Another user's data must never show: drop everything cached when the signed-in user changes.
  ib.session.on('change', () => client.clear());
  return client;
}
