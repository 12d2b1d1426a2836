import { z } from 'zod';
import { defineMethod } from './define';

export interface AuditEntryView {
  id: number;
  at: string;
  username: string | null;
  method: string;
  outcome: 'ok' | 'denied';
  entity: string | null;
  entityId: string | null;
}

export interface AuditChainCheck {
  rowsChecked: number;
  /** The first row whose hash does not match its content and its predecessor, or null if intact. */
  firstBrokenId: number | null;
}

export const auditMethods = {
  'audit.recent': defineMethod<AuditEntryView[]>()({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }).strict(),
    access: 'audit.read',
    kind: 'query',
  }),
  /** Recompute the hash chain of the audit log: a changed or deleted row is found. */
  'audit.verifyChain': defineMethod<AuditChainCheck>()({
    input: z.object({}).strict(),
    access: 'audit.read',
    kind: 'query',
  }),
} as const;
