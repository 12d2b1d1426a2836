import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createKysely } from '../../../src-main/core/db/open';
import { verifyAuditChain } from '../../../src-main/core/repos/audit-log';

/**
 * kill -9 during writes: a child runs real operations and acknowledges each after its commit; the
 * parent kills it at a random moment, reopens the file and checks that nothing acknowledged is lost and
 * nothing is half-written. Rounds share one data folder, so any damage would pile up.
 * CRASH_ROUNDS sets the count (npm run soak runs many more).
 */
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 200);
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'aftercare-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function runAndKill(killAfterMs: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/integration/storage/crash-child.ts', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      if (out.includes('READY') && !child.killed) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    });
    child.stderr.on('data', (chunk) => (err += String(chunk)));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself (${code}): ${err}`));
      resolve(out.split('\n').filter((l) => l.startsWith('ACK ')));
    });
  });
}

function checkFile(acks: string[]) {
  const sqlite = new Database(path.join(dataDir, 'branch.sqlite'));
  try {
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    const has = (sql: string, value: string | number) => sqlite.prepare(sql).get(value) !== undefined;
    for (const ack of acks) {
      const [, kind, id] = ack.split(' ') as [string, string, string];
      if (kind === 'call') expect(has('SELECT 1 FROM calls WHERE number = ?', id), ack).toBe(true);
      if (kind === 'receipt') expect(has('SELECT 1 FROM receipts WHERE number = ?', id), ack).toBe(true);
      if (kind === 'signoff') expect(has('SELECT 1 FROM repair_cards WHERE id = ? AND signed_off_at IS NOT NULL', Number(id)), ack).toBe(true);
    }
    // All or nothing: the book has no holes, and every receipt came with its ledger line, card and voucher entry.
    const seqs = sqlite.prepare('SELECT seq FROM calls ORDER BY seq').pluck().all() as number[];
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const counts = (sqlite.prepare('SELECT (SELECT count(*) FROM calls) AS calls, (SELECT count(*) FROM receipts) AS receipts, (SELECT count(*) FROM goods_ledger) AS ledger, (SELECT count(*) FROM repair_cards) AS cards, (SELECT count(*) FROM voucher_entries) AS entries').get()) as Record<string, number>;
    expect(counts.ledger).toBe(counts.receipts);
    expect(counts.cards).toBe(counts.receipts);
    expect(counts.entries).toBe(counts.receipts);
    const takenWithoutReceipt = sqlite.prepare("SELECT count(*) FROM calls WHERE status = 'takenIn' AND id NOT IN (SELECT call_id FROM receipts)").pluck().get();
    expect(takenWithoutReceipt).toBe(0);
    const signedWithoutLabour = sqlite.prepare('SELECT count(*) FROM repair_cards WHERE signed_off_at IS NOT NULL AND id NOT IN (SELECT card_id FROM repair_labour)').pluck().get();
    expect(signedWithoutLabour).toBe(0);
    return counts;
  } finally {
    sqlite.close();
  }
}

describe('kill -9 during writes', () => {
  it(`loses no acknowledged record and leaves nothing half-written (${ROUNDS} rounds)`, async () => {
    let acknowledged = 0;
    let counts: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      const acks = await runAndKill(20 + Math.floor(Math.random() * 300));
      acknowledged += acks.length;
      counts = checkFile(acks);
    }
    const db = createKysely(new Database(path.join(dataDir, 'branch.sqlite')));
    expect((await verifyAuditChain(db)).firstBrokenId).toBeNull();
    await db.destroy();
    console.log(`kill -9: ${ROUNDS} rounds run, ${acknowledged} acknowledged records checked, lost = 0; file holds ${JSON.stringify(counts)}`);
    expect(acknowledged).toBeGreaterThan(0);
  }, ROUNDS * 15_000);
});
