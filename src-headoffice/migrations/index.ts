import type { Migration } from 'kysely';
import * as m0001 from './0001_head_office';

/** Head office's migrations, in order: a static map, forward-only, shared by SQLite and PostgreSQL. */
export const headOfficeMigrations: Readonly<Record<string, Migration>> = Object.freeze({
  '0001_head_office': m0001,
});
