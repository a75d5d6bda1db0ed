import type { Migration } from 'kysely/migration';
import * as foundation from './0001-foundation.js';

/** Every migration, in order. Names are permanent once released. */
export const migrations: Record<string, Migration> = {
  '0001-foundation': foundation,
};
