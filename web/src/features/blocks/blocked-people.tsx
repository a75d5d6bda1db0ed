import type { Block } from '@icebreaker/sdk';
import { Link } from 'react-router';
import { Button, ErrorNotice, Loading } from '../../ui';
import { useBlockActions, useBlocks } from './queries';

/** The people the viewer blocked, each with a way to unblock them. */
export function BlockedPeople() {
  const blocks = useBlocks();
  return (
    <section className="blocked-people" aria-labelledby="blocked-people-title">
      <h2 id="blocked-people-title">Blocked people</h2>
      {blocks.isPending ? (
        <Loading label="Loading blocked people…" />
      ) : blocks.error ? (
        <ErrorNotice error={blocks.error} />
      ) : blocks.data.length === 0 ? (
        <p className="muted">You have not blocked anyone.</p>
      ) : (
        <ul className="blocked-list">
          {blocks.data.map((block) => (
            <BlockedPerson key={block.userId} block={block} />
          ))}
        </ul>
      )}
    </section>
  );
}

function BlockedPerson({ block }: { block: Block }) {
  const { unblock } = useBlockActions(block.userId);
  // A person who blocked the viewer too stays hidden from them.
  const name = block.user?.displayName ?? 'Someone who also blocked you';
  return (
    <li>
      {block.user ? <Link to={`/people/${block.userId}`}>{name}</Link> : <span>{name}</span>}
      <Button
        variant="secondary"
        busy={unblock.isPending}
        aria-label={block.user ? `Unblock ${name}` : 'Unblock'}
        onClick={() => unblock.mutate()}
      >
        Unblock
      </Button>
      <ErrorNotice error={unblock.error} />
    </li>
  );
}
