import type { BenchContext } from './context';
import { ratio, type Figure } from './results';
import { sample, summarize } from './stats';

/**
 * What the router and the HTTP transport cost around an operation that does almost nothing: reading
 * the branch calendar (one primary-key lookup). Raw is that lookup alone.
 */
export async function measureOverhead(ctx: BenchContext, plan: { runs: number; warmup: number }): Promise<Figure> {
  const lookup = ctx.app.sqlite.prepare("SELECT value_json FROM settings WHERE key = 'workingCalendar'").pluck();
  const sv = summarize(await sample(() => ctx.call('clerk', 'settings.getCalendar', {}), plan));
  const hp = summarize(await sample(() => ctx.post('clerk', 'settings.getCalendar', {}), plan));
  const rw = summarize(
    await sample(() => {
      const json = lookup.get() as string | undefined;
      return json ? JSON.parse(json) : null;
    }, plan),
  );
  return {
    key: 'api.overhead',
    label: 'API overhead: trivial operation (settings.getCalendar)',
    unit: 'ms',
    service: sv,
    http: hp,
    raw: rw,
    ratioToRaw: ratio(sv, rw),
    target: 'p95 ≤ 2 ms (router and HTTP)',
    meetsTarget: sv.p95 <= 2 && hp.p95 <= 2,
  };
}
