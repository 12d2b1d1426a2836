import { z } from 'zod';
import { defineMethod } from './define';
import { branchCode, empty, newPassword, phone, text, username } from './common';

export interface SetupStatus {
  isSetUp: boolean;
  branch: { code: string; name: string } | null;
}

export const setupMethods = {
  /** Whether the first-run setup has been done (a branch and its first admin exist). */
  'setup.status': defineMethod<SetupStatus>()({ input: empty, access: 'public', kind: 'query' }),
  /** First run only: create the branch and its first admin. Refused once a branch exists. */
  'setup.createBranch': defineMethod<SetupStatus>()({
    input: z
      .object({
        branch: z.object({ code: branchCode, name: text(60), address: text(200), phone }).strict(),
        admin: z.object({ username, displayName: text(40), password: newPassword }).strict(),
      })
      .strict(),
    access: 'public',
    kind: 'command',
  }),
} as const;
