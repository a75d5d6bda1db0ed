import type { NameCard as Card } from '@icebreaker/sdk';

/** Job, company and contact links; says so when the person filled in none. */
export function NameCard({ card }: { card: Card | undefined }) {
  if (!card || (!card.jobTitle && !card.company && card.links.length === 0)) {
    return <p className="hint">No name card details yet.</p>;
  }
  const role = [card.jobTitle, card.company].filter(Boolean).join(' at ');
  return (
    <div className="card-details">
      {role && <p className="card-details__role">{role}</p>}
      {card.links.length > 0 && (
        <ul className="card-details__links" aria-label="Contact links">
          {card.links.map((link) => (
            <li key={link.url}>
              <a href={link.url} target="_blank" rel="noopener noreferrer">
                {link.label}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
