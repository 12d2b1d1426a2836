import type Database from 'better-sqlite3';
import { DEFAULT_CALENDAR } from '../../../src-shared/domain/working-calendar';
import type { SupervisorReportBody, TechnicianReportBody } from '../../../src-shared/sync/report-envelope';
import { createKysely } from '../../../src-main/core/db/open';
import { compileDayCounts, compileTechniciansLines, sumByCategory } from '../../../src-main/core/repos/report-compiler';
import { enqueueReport } from '../../../src-main/core/sync';
import { DayCounter } from './day-counts';
import { isWorkingDayIndex, localDateOfDayIndex, localDayIndex, localMidnight } from './business-time';
import type { Staff, StaffMember } from './call-story';
import { BENCH_START } from './scale';

const MIN = 60_000;

/**
 * Ten years of signed daily reports, as the product itself compiles them: every working day before
 * `untilDay`, each technician with work confirms his report at 17:45, the supervisor signs the branch's
 * day at 18:00 and the manager at 18:30, and every report sits in the outbox as sent to head office.
 * Envelopes come from the product's own outbox code, lines from the product's compiler (all technicians
 * of a day in three queries); counts from a faster equivalent checked against the product on a sample
 * (day-counts.ts).
 */
export async function fillReportHistory(sqlite: Database.Database, staff: Staff, manager: StaffMember, branchCode: string, span: { fromDay: number; untilDay: number }, log: (m: string) => void): Promise<number> {
  // Never destroyed: that would close the bulk connection, which the caller still uses.
  const db = createKysely(sqlite);
  const insertTechDay = sqlite.prepare("INSERT INTO technician_days (technician_id, business_date, status, confirmed_at, body_json) VALUES (?, ?, 'confirmed', ?, ?)");
  const insertSupDay = sqlite.prepare('INSERT INTO supervisor_days (business_date, revision, supervisor_id, supervisor_signed_at, manager_id, manager_signed_at, body_json) VALUES (?, 1, ?, ?, ?, ?, ?)');
  const supervisor = staff.supervisors[0]!;
  const counter = new DayCounter(sqlite);
  const technicianIds = staff.technicians.map((t) => t.id);
  let days = 0;
  for (let day = Math.max(span.fromDay, localDayIndex(BENCH_START.getTime())); day < span.untilDay; day++) {
    if (!isWorkingDayIndex(day)) continue;
    const date = localDateOfDayIndex(day);
    const at = (minuteOfDay: number) => new Date(localMidnight(day) + minuteOfDay * MIN).toISOString();
    sqlite.prepare('BEGIN').run();
    const rows: SupervisorReportBody['minutesByTechnicianAndCategory'] = [];
    const linesOf = await compileTechniciansLines(db, DEFAULT_CALENDAR, technicianIds, date);
    for (const t of staff.technicians) {
      const lines = linesOf.get(t.id) ?? [];
      if (lines.length === 0) continue;
      const confirmedAt = at(17 * 60 + 45);
      const body: TechnicianReportBody = { technician: { code: t.username, name: t.name }, lines, totalsByCategory: sumByCategory(lines), confirmedAt };
      insertTechDay.run(t.id, date, confirmedAt, JSON.stringify(body));
      await enqueueReport(db, { kind: 'technician', branchCode, reportDate: date, technicianCode: t.username, revision: 1, signedAt: confirmedAt, signedBy: t.name, body });
      rows.push({ technicianCode: t.username, technicianName: t.name, ...body.totalsByCategory });
    }
    const counts = counter.counts(date, at(0), at(24 * 60));
    if (days % 50 === 0 || span.untilDay - day <= 10) {
      const expected = await compileDayCounts(db, DEFAULT_CALENDAR, date);
      if (JSON.stringify(expected) !== JSON.stringify(counts)) throw new Error(`day counts of ${date} differ from the product's: ${JSON.stringify(expected)} vs ${JSON.stringify(counts)}`);
    }
    const partial = { minutesByTechnicianAndCategory: rows, counts };
    insertSupDay.run(date, supervisor.id, at(18 * 60), manager.id, at(18 * 60 + 30), JSON.stringify(partial));
    const body: SupervisorReportBody = { ...partial, supervisorSignedBy: supervisor.name, supervisorSignedAt: at(18 * 60), managerSignedBy: manager.name, managerSignedAt: at(18 * 60 + 30) };
    await enqueueReport(db, { kind: 'supervisor', branchCode, reportDate: date, technicianCode: null, revision: 1, signedAt: at(18 * 60 + 30), signedBy: manager.name, body });
    sqlite.prepare('COMMIT').run();
    if (++days % 250 === 0) log(`reports: ${days} days signed (${date})`);
  }
  // Head office has them all: sent a couple of minutes after signing, first try.
  sqlite.exec("UPDATE sync_outbox SET attempts = 1, last_attempt_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+2 minutes'), sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+2 minutes'), sent_result = 'stored' WHERE sent_at IS NULL");
  return days;
}
