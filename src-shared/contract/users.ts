import { z } from 'zod';
import { defineMethod } from './define';
import { empty, id, newPassword, text, username } from './common';
import { ROLES, type Role } from './roles';

export interface UserView {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  isActive: boolean;
  /** Wrong passwords since the last good one; five or more means each try waits longer. */
  failedLogins: number;
}

export const userMethods = {
  'users.list': defineMethod<UserView[]>()({ input: empty, access: 'users.manage', kind: 'query' }),
  'users.create': defineMethod<UserView>()({
    input: z
      .object({ username, displayName: text(40), role: z.enum(ROLES, { error: 'validation.role' }), password: newPassword })
      .strict(),
    access: 'users.manage',
    kind: 'command',
  }),
  /** Clear the wrong-password count so the user can try again at once. */
  'users.unlock': defineMethod<UserView>()({
    input: z.object({ userId: id }).strict(),
    access: 'users.manage',
    kind: 'command',
  }),
} as const;
