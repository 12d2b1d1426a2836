import type Database from 'better-sqlite3';
import type { TechnicianLine } from '../../../src-shared/sync/report-envelope';
import { ADMIN_TASK_LABELS } from '../../../src-main/core/repos/report-compiler';

interface Timed {
  at: string;
  line: TechnicianLine;
}

/**
 * Every technician's lines of one day in three statements, instead of the product's three per
 * technician (150 technicians × 2,600 days would be over a million Kysely round trips). Same lines, same
 * order as compileTechnicianLines: labour, on-site jobs and admin tasks, each in the order the product's
 * query returns them, then stably sorted by time. The caller checks it against the product on a sample.
 */
export class TechnicianLines {
  private readonly labour;
  private readonly onSite;
  private readonly tasks;

  constructor(sqlite: Database.Database, technicianIds: readonly number[]) {
    const techs = JSON.stringify(technicianIds);
    const inTechs = `IN (SELECT value FROM json_each('${techs}'))`;
    this.labour = sqlite.prepare(`SELECT l.technician_id AS tech, l.started_at AS at, l.minutes, l.note, c.number, c.category, c.fault
      FROM repair_labour l JOIN repair_cards rc ON rc.id = l.card_id JOIN calls c ON c.id = rc.call_id
      WHERE l.technician_id ${inTechs} AND l.started_at >= ? AND l.started_at < ?`);
    this.onSite = sqlite.prepare(`SELECT technician_id AS tech, work_started_at, work_ended_at, number, category, work_done FROM calls
      WHERE technician_id ${inTechs} AND work_started_at >= ? AND work_started_at < ?`);
    this.tasks = sqlite.prepare(`SELECT technician_id AS tech, created_at, minutes, kind, note FROM admin_tasks WHERE technician_id ${inTechs} AND business_date = ? ORDER BY id`);
  }

  /** Lines per technician id, for technicians with any. */
  ofDay(date: string, from: string, to: string): Map<number, TechnicianLine[]> {
    const timed = new Map<number, { labour: Timed[]; onSite: Timed[]; tasks: Timed[] }>();
    const of = (tech: number) => {
      let entry = timed.get(tech);
      if (!entry) timed.set(tech, (entry = { labour: [], onSite: [], tasks: [] }));
      return entry;
    };
    for (const l of this.labour.all(from, to) as Array<{ tech: number; at: string; minutes: number; note: string; number: string; category: 'A' | 'B' | 'C'; fault: string }>) {
      of(l.tech).labour.push({ at: l.at, line: { category: l.category, minutes: l.minutes, callNumber: l.number, description: l.note || l.fault } });
    }
    for (const c of this.onSite.all(from, to) as Array<{ tech: number; work_started_at: string; work_ended_at: string; number: string; category: 'A' | 'B' | 'C'; work_done: string | null }>) {
      const minutes = Math.max(0, Math.round((Date.parse(c.work_ended_at) - Date.parse(c.work_started_at)) / 60_000));
      of(c.tech).onSite.push({ at: c.work_started_at, line: { category: c.category, minutes, callNumber: c.number, description: c.work_done ?? '' } });
    }
    for (const t of this.tasks.all(date) as Array<{ tech: number; created_at: string; minutes: number; kind: string; note: string }>) {
      of(t.tech).tasks.push({ at: t.created_at, line: { category: 'D', minutes: t.minutes, callNumber: null, description: [ADMIN_TASK_LABELS[t.kind], t.note].filter(Boolean).join(' · ') } });
    }
    const out = new Map<number, TechnicianLine[]>();
    for (const [tech, e] of timed) out.set(tech, [...e.labour, ...e.onSite, ...e.tasks].sort((a, b) => a.at.localeCompare(b.at)).map((t) => t.line));
    return out;
  }
}
