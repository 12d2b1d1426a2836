import type Database from 'better-sqlite3';
import { proposeCategory } from '../../../src-shared/domain/categories';
import { checkAgainstProduct, isWorkingDayIndex, localDate, localDayIndex, localMidnight } from './business-time';
import { Schedule, tellCall, type Staff } from './call-story';
import { CallWriter } from './call-writer';
import type { CustomerFile } from './customers';
import { Random } from './random';
import { BENCH_NOW, BENCH_START, type Scale } from './scale';

const MIN = 60_000;
const CALL_TIMES_SALT = 11;

/**
 * When every call came in: spread over the ten years by day (weekdays busy, weekends a trickle, the
 * branch growing over the years), within a day mostly in office hours. Exactly `scale.calls`, sorted.
 */
export function callTimes(scale: Scale, seed: number): Float64Array {
  const first = localDayIndex(BENCH_START.getTime());
  const today = localDayIndex(BENCH_NOW.getTime());
  const days = today - first + 1;
  const weights = new Float64Array(days);
  for (let d = 0; d < days; d++) {
    const growth = 0.6 + 0.8 * (d / days);
    const day = first + d;
    const share = day === today ? (BENCH_NOW.getTime() - (localMidnight(day) + 8 * 60 * MIN)) / (10 * 60 * MIN) : 1;
    weights[d] = growth * (isWorkingDayIndex(day) ? 1 : 0.15) * share;
  }
  const total = weights.reduce((s, w) => s + w, 0);
  const counts = new Int32Array(days);
  const remainders: Array<[number, number]> = [];
  let assigned = 0;
  for (let d = 0; d < days; d++) {
    const exact = (weights[d]! / total) * scale.calls;
    counts[d] = Math.floor(exact);
    assigned += counts[d]!;
    remainders.push([exact - counts[d]!, d]);
  }
  remainders.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let i = 0; i < scale.calls - assigned; i++) counts[remainders[i]![1]]!++;

  const times = new Float64Array(scale.calls);
  let at = 0;
  for (let d = 0; d < days; d++) {
    const day = first + d;
    const rng = Random.for(seed, CALL_TIMES_SALT, d);
    const midnight = localMidnight(day);
    const dayTimes: number[] = [];
    for (let n = 0; n < counts[d]!; n++) {
      if (day === today) {
        const open = midnight + 8 * 60 * MIN;
        dayTimes.push(open + Math.floor(rng.next() * (BENCH_NOW.getTime() - open)));
        continue;
      }
      const r = rng.next();
      const fromMin = r < 0.92 ? 8 * 60 : r < 0.97 ? 18 * 60 : 7 * 60;
      dayTimes.push(midnight + fromMin * MIN + Math.floor(rng.next() * (r < 0.92 ? 600 : r < 0.97 ? 180 : 60) * MIN));
    }
    dayTimes.sort((a, b) => a - b);
    for (const t of dayTimes) times[at++] = t;
  }
  return times;
}

/** Receipt numbers follow the time the goods were taken in, year by year: a first pass over the stories finds them. */
function receiptNumbering(seed: number, scale: Scale, times: Float64Array, file: CustomerFile, staff: Staff): Int32Array {
  const now = BENCH_NOW.getTime();
  const takenIn: Array<[number, number]> = [];
  const schedule = new Schedule(staff.technicians.length);
  for (let i = 0; i < times.length; i++) {
    const story = tellCall(seed, i, times[i]!, scale, file, staff, schedule);
    if (story.takeIn && story.cancel === null && story.arrivedAt !== null && story.takeIn.at <= now) takenIn.push([story.takeIn.at, i]);
  }
  takenIn.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const seqOf = new Int32Array(times.length);
  let year = 0;
  let seq = 0;
  for (const [at, i] of takenIn) {
    const y = Number(localDate(at).slice(0, 4));
    seq = y === year ? seq + 1 : 1;
    year = y;
    seqOf[i] = seq;
  }
  return seqOf;
}

export interface CallsFilled {
  sampledChecks: number;
}

/**
 * Two million calls in a few minutes: raw prepared statements in transactions of 20,000 calls. The fast
 * clock and category rule are checked against the product's own functions on every `checkEvery`-th call.
 */
export function fillCalls(sqlite: Database.Database, scale: Scale, seed: number, file: CustomerFile, staff: Staff, branchCode: string, log: (m: string) => void): CallsFilled {
  const times = callTimes(scale, seed);
  const receiptSeq = receiptNumbering(seed, scale, times, file, staff);
  log(`calls: receipt numbering done`);
  const writer = new CallWriter(sqlite, branchCode, BENCH_NOW.getTime(), file.names);
  const checkEvery = scale.name === 'full' ? 9973 : 97;
  let sampledChecks = 0;
  // A fresh schedule, filled in the same order as the numbering pass: the same stories again.
  const schedule = new Schedule(staff.technicians.length);
  const BATCH = 20_000;
  for (let from = 0; from < times.length; from += BATCH) {
    sqlite.transaction(() => {
      for (let i = from; i < Math.min(times.length, from + BATCH); i++) {
        const story = tellCall(seed, i, times[i]!, scale, file, staff, schedule);
        if (i % checkEvery === 0) {
          checkAgainstProduct(story.calledAt, story.district);
          const expected = proposeCategory(story.product, story.businessDate);
          if (expected.category !== story.proposed.category || expected.reason !== story.proposed.reason) throw new Error(`generator category rule differs from the product for call ${i}`);
          sampledChecks++;
        }
        writer.write(story, i + 1, receiptSeq[i] || undefined);
      }
    })();
    if ((from / BATCH) % 10 === 9) log(`calls: ${from + BATCH} written`);
  }
  const counter = sqlite.prepare('INSERT INTO book_counters (book, year, last_seq) VALUES (?, ?, ?)');
  sqlite.transaction(() => {
    for (const [year, seq] of writer.callSeqByYear) counter.run('calls', year, seq);
    for (const [year, seq] of writer.receiptSeqByYear) counter.run('receipts', year, seq);
  })();
  return { sampledChecks };
}

const ADMIN_KINDS = ['training', 'partsHandling', 'toolUpkeep', 'inspection', 'other'] as const;
const ADMIN_NOTES = ['', '', '月度安全培训', '整理备件库', '校验万用表和压力表', '新机型技术培训', '仓库盘点'];

/** Category D work: about one technician-day in seven has an admin task. */
export function fillAdminTasks(sqlite: Database.Database, seed: number, staff: Staff): number {
  const insert = sqlite.prepare('INSERT INTO admin_tasks (technician_id, business_date, kind, minutes, note, created_at) VALUES (?, ?, ?, ?, ?, ?)');
  const first = localDayIndex(BENCH_START.getTime());
  const today = localDayIndex(BENCH_NOW.getTime());
  let n = 0;
  sqlite.transaction(() => {
    for (let day = first; day < today; day++) {
      if (!isWorkingDayIndex(day)) continue;
      const rng = Random.for(seed, 5, day);
      for (const t of staff.technicians) {
        if (!rng.chance(0.15)) continue;
        const createdAt = localMidnight(day) + (16 * 60 + rng.int(0, 90)) * MIN;
        insert.run(t.id, localDate(createdAt), rng.pick(ADMIN_KINDS), rng.int(15, 120), rng.pick(ADMIN_NOTES), new Date(createdAt).toISOString());
        n++;
      }
    }
  })();
  return n;
}
