/** Settings a PostgreSQL session starts with, as libpq's `options` (`-c name=value …`; also `PGOPTIONS`). */
export const sessionOptions = (settings: Readonly<Record<string, string>>): string =>
  Object.entries(settings)
    .map(([name, value]) => `-c ${name}=${value}`)
    .join(' ');
