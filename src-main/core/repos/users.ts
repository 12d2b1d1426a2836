import type { Kysely, Selectable } from 'kysely';
import type { UserView } from '../../../src-shared/contract/users';
import type { DB, UsersTable } from '../db/schema';

export type UserRow = Selectable<UsersTable>;

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    isActive: row.is_active === 1,
    failedLogins: row.failed_logins,
  };
}

export function findUserByUsername(db: Kysely<DB>, username: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export function findUserById(db: Kysely<DB>, id: number): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(
  db: Kysely<DB>,
  user: { username: string; displayName: string; role: UserRow['role']; passwordHash: string; language?: 'zh-CN' | 'en' },
  createdAt: string,
): Promise<UserRow> {
  return db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName,
      role: user.role,
      password_hash: user.passwordHash,
      language: user.language ?? 'zh-CN',
      created_at: createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
