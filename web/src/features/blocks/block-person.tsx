import { BlockActions } from './block-actions';
import { useBlockActions } from './queries';

/** Blocking controls for someone's profile. */
export function BlockPerson({ userId, userName, blocked }: { userId: number; userName: string; blocked: boolean }) {
  const { block, unblock } = useBlockActions(userId);
  return (
    <BlockActions
      userName={userName}
      blocked={blocked}
      busy={block.isPending || unblock.isPending}
      error={block.error ?? unblock.error}
      onBlock={() => block.mutate()}
      onUnblock={() => unblock.mutate()}
    />
  );
}
