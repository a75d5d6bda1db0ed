import type { Icebreaker } from '@icebreaker/sdk';
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { IcebreakerProvider } from './icebreaker-context';
import { createQueryClient } from './query-client';
import { createRouter } from './router';
import { useRealtimeSync } from './use-realtime-sync';

export function App({ client }: { client: Icebreaker }) {
  const [queryClient] = useState(() => createQueryClient(client));
  const [router] = useState(createRouter);
  return (
    <IcebreakerProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <RealtimeSync />
        <RouterProvider router={router} />
      </QueryClientProvider>
    </IcebreakerProvider>
  );
}

function RealtimeSync() {
  useRealtimeSync();
  return null;
}
