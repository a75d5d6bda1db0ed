import type { User } from '@icebreaker/sdk';

type Person = Pick<User, 'displayName' | 'avatarUrl'>;

/** The person's picture, or their initials on a colour derived from the name. */
export function Avatar({ user, size = 40 }: { user: Person; size?: number }) {
  const style = { width: size, height: size, fontSize: size * 0.4 };
  if (user.avatarUrl) return <img className="avatar" src={user.avatarUrl} alt="" style={style} />;
  const initials = user.displayName
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]!.toUpperCase())
    .join('');
  const hue = [...user.displayName].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360;
  return (
    <span className="avatar" aria-hidden="true" style={{ ...style, background: `hsl(${hue} 55% 42%)` }}>
      {initials || '?'}
    </span>
  );
}
