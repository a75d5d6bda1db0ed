import type { FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, EmptyState, ErrorNotice, Field, Loading, Page } from '../../ui';
import { CardItem } from './card-item';
import { useCollectedCards } from './queries';

const MAX_NAME = 60;

/** The name cards you collected, newest first, searchable by name. */
export function CardsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const name = (searchParams.get('name') ?? '').trim().slice(0, MAX_NAME);
  const cards = useCollectedCards(name);
  const items = cards.data?.pages.flatMap((page) => page.items) ?? [];

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = String(new FormData(event.currentTarget).get('name') ?? '').trim();
    setSearchParams(next ? { name: next } : {});
  }

  return (
    <Page title="Name cards">
      <form className="form card-search" role="search" aria-label="Search name cards" onSubmit={search}>
        <Field label="Search by name">
          <input key={name} type="search" name="name" defaultValue={name} maxLength={MAX_NAME} />
        </Field>
        <Button type="submit">Search</Button>
      </form>
      {cards.isPending && <Loading />}
      <ErrorNotice error={cards.error} />
      {cards.isSuccess && items.length === 0 && (
        <EmptyState title={name ? `No name card matches “${name}”` : 'No name cards yet'}>
          {name ? (
            <p>
              <Link to="/cards">Show all name cards</Link>
            </p>
          ) : (
            <p>
              After you have met someone, through a chat or an activity, collect their name card from their profile.
            </p>
          )}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="list card-list" aria-label="Collected name cards">
          {items.map((connection) => (
            <li key={connection.id}>
              <CardItem connection={connection} />
            </li>
          ))}
        </ul>
      )}
      {cards.hasNextPage && (
        <Button variant="secondary" busy={cards.isFetchingNextPage} onClick={() => void cards.fetchNextPage()}>
          Load more
        </Button>
      )}
    </Page>
  );
}
