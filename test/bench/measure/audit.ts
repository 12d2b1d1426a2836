import type { BenchContext } from './context';
import type { Figure } from './results';
import { sample, summarize } from './stats';

/**
 * The audit chain checked end to end through `audit.verifyChain` (a manager's right): every row of
 * the log re-hashed in order. At full scale the log holds one row per registered call and more, over
 * two million. Issue 7 asks that a million rows take seconds.
 */
export async function measureAuditChain(ctx: BenchContext, plan: { runs: number; warmup: number }): Promise<Figure> {
  let rows = 0;
  const times = summarize(
    await sample(async () => {
      const check = await ctx.call<{ rowsChecked: number; firstBrokenId: number | null }>('manager', 'audit.verifyChain', {});
      if (check.firstBrokenId !== null) throw new Error(`the generated audit chain is broken at row ${check.firstBrokenId}`);
      rows = check.rowsChecked;
    }, plan),
  );
  const perMillion = (times.median / rows) * 1_000_000;
  return {
    key: 'audit.verifyChain',
    label: `audit chain verified (${rows.toLocaleString('en')} rows)`,
    unit: 'ms',
    service: times,
    ratioToRaw: null,
    target: 'a million rows in seconds',
    meetsTarget: perMillion <= 10_000,
    details: { rows, msPerMillionRows: Math.round(perMillion) },
  };
}
