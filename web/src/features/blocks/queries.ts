import type { Block } from '@icebreaker/sdk';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIcebreaker } from '../../app/icebreaker-context';

export const blockKeys = { all: ['blocks'] as const };

/** Pages followed at most: a thousand blocks. */
const MAX_PAGES = 10;

/** Everyone the viewer blocked, newest first. */
export function useBlocks() {
  const ib = useIcebreaker();
  return useQuery({
    queryKey: blockKeys.all,
    queryFn: async ({ signal }) => {
      const blocks: Block[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result = await ib.api.blocks.listBlocks({ limit: 100, ...(cursor ? { cursor } : {}) }, { signal });
        blocks.push(...result.items);
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      return blocks;
    },
  });
}

/**
 * Blocks or unblocks someone. Either changes who appears in almost every
 * list (nearby, people, chats, invitations), so every query refreshes.
 */
export function useBlockActions(userId: number) {
  const ib = useIcebreaker();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries();
  const block = useMutation({
    mutationFn: () => ib.api.blocks.blockUser({ body: { userId } }),
    onSuccess: refresh,
  });
  const unblock = useMutation({
    mutationFn: () => ib.api.blocks.unblockUser({ userId }),
    onSuccess: refresh,
  });
  return { block, unblock };
}
