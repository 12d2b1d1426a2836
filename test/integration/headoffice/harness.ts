import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { addBranch } from '../../../src-headoffice/admin/branches';
import { addAdminToken } from '../../../src-headoffice/admin/tokens';
import { openHeadOffice, type HeadOfficeApp } from '../../../src-headoffice/app';
import type { Clock } from '../../../src-headoffice/clock';
import type { HeadOfficeStore } from '../../../src-headoffice/db/open';
import { contentHashOf } from '../../../src-main/core/sync/hashing';
import { signRequest } from '../../../src-main/core/sync/sign-request';
import { canonicalJson } from '../../../src-shared/sync/canonical-json';
import type { ReportEnvelope, SupervisorReportEnvelope, TechnicianReportEnvelope } from '../../../src-shared/sync/report-envelope';
import { REPORTS_PATH } from '../../../src-shared/sync/request-signing';

/** The machine's PostgreSQL (trust auth). Each run gets its own schema, dropped afterwards. */
export const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, empty store and the function that removes it. */
  create(): Promise<{ store: HeadOfficeStore; drop(): Promise<void> }>;
}

export const BACKENDS: readonly Backend[] = [
  {
    name: 'sqlite',
    async create() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-ho-'));
      return { store: { kind: 'sqlite', file: path.join(dir, 'headoffice.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  {
    name: 'postgres',
    async create() {
      const schema = `ho_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.end();
      return {
        store: { kind: 'postgres', connectionString: PG_URL, schema },
        drop: async () => {
          const c = new pg.Client({ connectionString: PG_URL });
          await c.connect();
          await c.query(`DROP SCHEMA ${schema} CASCADE`);
          await c.end();
        },
      };
    },
  },
];

export const BRANCH = 'SH02';
export const OTHER_BRANCH = 'BJ01';

export interface RunningHeadOffice {
  app: HeadOfficeApp;
  baseUrl: string;
  secret: string;
  otherSecret: string;
  adminToken: string;
  /** Stop listening and close the store (the data stays). */
  stop(): Promise<void>;
}

/** Open head office on `store`, register the two test branches (first time only) and listen on loopback. */
export async function startHeadOffice(store: HeadOfficeStore, clock: Clock, port = 0, known?: { secret: string; otherSecret: string; adminToken: string }): Promise<RunningHeadOffice> {
  const app = await openHeadOffice({ store, clock });
  const creds = known ?? {
    secret: await addBranch(app.store.db, clock, BRANCH, '上海徐汇服务站'),
    otherSecret: await addBranch(app.store.db, clock, OTHER_BRANCH, '北京海淀服务站'),
    adminToken: await addAdminToken(app.store.db, clock, 'tests'),
  };
  const baseUrl = await app.server.listen({ port, host: '127.0.0.1' });
  return { app, baseUrl, ...creds, stop: () => app.close() };
}

export function technicianEnvelope(o: { branch?: string; date?: string; tech?: string; revision?: number; minutesA?: number; description?: string } = {}): TechnicianReportEnvelope {
  const tech = o.tech ?? 'T01';
  const lines = [
    { category: 'A' as const, minutes: o.minutesA ?? 90, callNumber: 'SH02-20260302-001', description: o.description ?? '空调不制冷，更换压缩机电容' },
    { category: 'C' as const, minutes: 45, callNumber: 'SH02-20260302-002', description: '保修期内洗衣机排水故障' },
    { category: 'D' as const, minutes: 30, callNumber: null, description: '培训 training' },
  ];
  const body = {
    technician: { code: tech, name: `张伟${tech}` },
    lines,
    totalsByCategory: { A: o.minutesA ?? 90, B: 0, C: 45, D: 30 },
    confirmedAt: '2026-03-02T10:00:00.000Z',
  };
  return {
    branchCode: o.branch ?? BRANCH,
    kind: 'technician',
    reportDate: o.date ?? '2026-03-02',
    technicianCode: tech,
    revision: o.revision ?? 1,
    contentHash: contentHashOf(body),
    signedAt: '2026-03-02T10:00:00.000Z',
    signedBy: `张伟${tech}`,
    body,
  };
}

export function supervisorEnvelope(o: { branch?: string; date?: string; revision?: number; late?: number } = {}): SupervisorReportEnvelope {
  const body = {
    minutesByTechnicianAndCategory: [
      { technicianCode: 'T01', technicianName: '张伟T01', A: 90, B: 0, C: 45, D: 30 },
      { technicianCode: 'T02', technicianName: '李娜T02', A: 0, B: 120, C: 0, D: 60 },
    ],
    counts: { received: 12, dispatched: 11, finishedOnSite: 7, takenIn: 3, returned: 2, late: o.late ?? 1, openAtDayEnd: 4 },
    supervisorSignedBy: '王建国',
    supervisorSignedAt: '2026-03-02T10:30:00.000Z',
    managerSignedBy: '赵立新',
    managerSignedAt: '2026-03-02T10:40:00.000Z',
  };
  return {
    branchCode: o.branch ?? BRANCH,
    kind: 'supervisor',
    reportDate: o.date ?? '2026-03-02',
    technicianCode: null,
    revision: o.revision ?? 1,
    contentHash: contentHashOf(body),
    signedAt: '2026-03-02T10:40:00.000Z',
    signedBy: '赵立新',
    body,
  };
}

export interface PushOptions {
  secret: string;
  branch?: string;
  now: Date;
  nonce?: string;
  contentType?: string;
  /** Sign these headers' worth but send them as is (to forge one). */
  tamper?: (headers: Record<string, string>) => Record<string, string>;
}

/** POST a body to the reports endpoint, signed as a branch would sign it. */
export async function push(baseUrl: string, body: string | ReportEnvelope, o: PushOptions): Promise<{ status: number; json: Record<string, unknown> }> {
  const text = typeof body === 'string' ? body : canonicalJson(body);
  let headers = signRequest({ secret: o.secret, branchCode: o.branch ?? BRANCH, method: 'POST', path: REPORTS_PATH, body: text, now: o.now, ...(o.nonce ? { nonce: o.nonce } : {}) });
  if (o.tamper) headers = o.tamper(headers);
  const response = await fetch(`${baseUrl}${REPORTS_PATH}`, { method: 'POST', headers: { 'content-type': o.contentType ?? 'application/json', ...headers }, body: text });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

export async function adminGet(ho: RunningHeadOffice, pathAndQuery: string): Promise<{ status: number; text: string; type: string }> {
  const response = await fetch(`${ho.baseUrl}${pathAndQuery}`, { headers: { authorization: `Bearer ${ho.adminToken}` } });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') ?? '' };
}

/** Row counts of every table a report touches: "the store is unchanged" means these are equal. */
const STORE_TABLES = ['reports', 'report_heads', 'report_minutes', 'report_counts', 'request_nonces'] as const;

export async function storeCounts(ho: RunningHeadOffice): Promise<Record<(typeof STORE_TABLES)[number], number>> {
  const db = ho.app.store.db;
  const out = { reports: 0, report_heads: 0, report_minutes: 0, report_counts: 0, request_nonces: 0 };
  for (const table of STORE_TABLES) {
    const row = await sql<{ n: string | number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
    out[table] = Number(row.rows[0]!.n);
  }
  return out;
}

/** A clock for head office that the test moves. */
export function movableClock(start: Date): Clock & { set(d: Date): void; advanceMs(ms: number): void } {
  let current = new Date(start);
  return { now: () => new Date(current), set: (d) => (current = new Date(d)), advanceMs: (ms) => (current = new Date(current.getTime() + ms)) };
}
