import { z } from 'zod';
import { defineMethod } from './define';
import { text } from './common';

/** Where sending the daily reports to head office stands (the sync module's own view). */
export interface SyncStatusView {
  isConfigured: boolean;
  queued: number;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  /** An i18n key (`sync.error.*`) with params; null when all is well. */
  lastError: { key: string; params: Record<string, string | number>; at: string | null; reportKey: string | null } | null;
  nextTryAt: string | null;
  failures: number;
}

export const syncMethods = {
  'sync.status': defineMethod<SyncStatusView>()({ input: z.object({}).strict(), access: 'sync.manage', kind: 'query' }),
  /** 'Send now': retry the whole queue at once, after this call returns. */
  'sync.sendNow': defineMethod<SyncStatusView>()({ input: z.object({}).strict(), access: 'sync.manage', kind: 'command' }),
  /** The head-office URL (HTTPS; plain HTTP only to loopback) and the secret head office printed for this branch. */
  'sync.configure': defineMethod<SyncStatusView>()({
    input: z.object({ headOfficeUrl: text(300), branchSecret: z.string().min(16, { error: 'validation.branchSecret' }).max(200) }).strict(),
    access: 'settings.manage',
    kind: 'command',
  }),
} as const;
