import type Database from 'better-sqlite3';
import type { SupervisorReportBody } from '../../../src-shared/sync/report-envelope';

type Counts = SupervisorReportBody['counts'];

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The supervisor report's day counts for ten years of days. The product's compileDayCounts counts the
 * calls open at day end with a query that reads every call closed after that day: cheap for today,
 * but run for each of 2,600 past days it would take most of an hour. Here the same number comes from a
 * sweep over sorted call and close times (a call is open at day end if it came in before the end and
 * was not closed before it), and the other counts from the product's own SQL. The caller checks the
 * result against compileDayCounts on a sample of days.
 */
export class DayCounter {
  private readonly called: Float64Array;
  private readonly closed: Float64Array;
  private readonly events;
  private readonly received;
  private readonly late;

  constructor(sqlite: Database.Database) {
    const rows = sqlite.prepare('SELECT called_at, closed_at FROM calls').raw().all() as Array<[string, string | null]>;
    this.called = Float64Array.from(rows, (r) => Date.parse(r[0])).sort();
    this.closed = Float64Array.from(rows.filter((r) => r[1] !== null), (r) => Date.parse(r[1]!)).sort();
    this.events = sqlite.prepare("SELECT event, count(id) AS n FROM call_events WHERE at >= ? AND at < ? AND event IN ('dispatched', 'finishedOnSite', 'takenIn', 'returned') GROUP BY event");
    this.received = sqlite.prepare('SELECT count(*) AS n FROM calls WHERE business_date = ?').pluck();
    this.late = sqlite.prepare('SELECT count(*) AS n FROM calls WHERE is_late = 1 AND arrived_at >= ? AND arrived_at < ?').pluck();
  }

  counts(date: string, from: string, to: string): Counts {
    const events = this.events.all(from, to) as Array<{ event: string; n: number }>;
    const count = (event: string) => events.find((e) => e.event === event)?.n ?? 0;
    const end = Date.parse(to);
    return {
      received: this.received.get(date) as number,
      dispatched: count('dispatched'),
      finishedOnSite: count('finishedOnSite'),
      takenIn: count('takenIn'),
      returned: count('returned'),
      late: this.late.get(from, to) as number,
      openAtDayEnd: lowerBound(this.called, end) - lowerBound(this.closed, end),
    };
  }
}
