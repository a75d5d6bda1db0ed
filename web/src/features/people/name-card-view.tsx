import type { NameCard } from '@icebreaker/sdk';

export function NameCardView({ card }: { card: NameCard }) {
  const empty = !card.jobTitle && !card.company && card.links.length === 0;
  return (
    <section className="card name-card" aria-label="Name card">
      <h2>Name card</h2>
      {empty ? (
        <p className="muted">No details on this card yet.</p>
      ) : (
        <dl>
          {card.jobTitle && (
            <>
              <dt>Job title</dt>
              <dd>{card.jobTitle}</dd>
            </>
          )}
          {card.company && (
            <>
              <dt>Company</dt>
              <dd>{card.company}</dd>
            </>
          )}
          {card.links.map((link) => (
            <div key={link.url}>
              <dt>{link.label}</dt>
              <dd>
                <a href={link.url} target="_blank" rel="noopener noreferrer">
                  {link.url}
                </a>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
