import { z } from 'zod';
import { defineMethod } from './define';
import { empty, language, text, username } from './common';
import type { Permission, Role } from './roles';

export interface SignedInUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  language: 'zh-CN' | 'en';
  /** What this user may do, from the role matrix in the main process; the UI hides what is not here. */
  permissions: Permission[];
}

export interface Me {
  user: SignedInUser;
  branch: { code: string; name: string };
}

export const authMethods = {
  /** Sign in. Wrong passwords are counted; from the fifth, each further try waits longer. */
  'auth.login': defineMethod<Me>()({
    input: z.object({ username, password: text(200) }).strict(),
    access: 'public',
    kind: 'command',
  }),
  /** End the current session. */
  'auth.logout': defineMethod<null>()({ input: empty, access: 'signedIn', kind: 'command' }),
  /** The signed-in user, the branch and the user's permissions. */
  'auth.me': defineMethod<Me>()({ input: empty, access: 'signedIn', kind: 'query' }),
  /** The user's UI and print language. */
  'profile.setLanguage': defineMethod<null>()({
    input: z.object({ language }).strict(),
    access: 'signedIn',
    kind: 'command',
  }),
} as const;
