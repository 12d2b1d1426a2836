import type { Kysely } from 'kysely';
import type { Clock } from '../clock';
import { newSecret, sha256Hex } from '../crypto';
import type { HeadOfficeDB } from '../db/schema';

/**
 * Admin tokens for the read side (GET API, web page, CSV). Only their sha256 is stored, so a copy of
 * the database does not let anyone read the reports through the server.
 */
export async function addAdminToken(db: Kysely<HeadOfficeDB>, clock: Clock, name: string): Promise<string> {
  const token = newSecret();
  await db.insertInto('admin_tokens').values({ name: name.trim() || 'admin', token_hash: sha256Hex(token), created_at: clock.now().toISOString() }).execute();
  return token;
}

export async function revokeAdminTokens(db: Kysely<HeadOfficeDB>, name: string): Promise<number> {
  const result = await db.deleteFrom('admin_tokens').where('name', '=', name).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function isAdminToken(db: Kysely<HeadOfficeDB>, token: string | undefined): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const row = await db.selectFrom('admin_tokens').select('id').where('token_hash', '=', sha256Hex(token)).executeTakeFirst();
  return row !== undefined;
}
