/**
 * The sizes of a generated branch. `full` is the large branch of issue 8 (ten years, two million
 * calls); `small` is a hundredth of it, built in seconds so `npm test` keeps the harness honest.
 */
export type ScaleName = 'small' | 'full';

export interface Scale {
  readonly name: ScaleName;
  readonly customers: number;
  readonly products: number;
  readonly calls: number;
  readonly technicians: number;
  readonly clerks: number;
  readonly supervisors: number;
  /**
   * Share of calls whose goods are taken into the shop (each gets a receipt, ledger line and repair
   * card): 20.6% of the calls that are not cancelled makes the 400,000 repair cards.
   */
  readonly takeInShare: number;
  /** Working days of signed daily reports before the report day (small keeps a few, to build in seconds). */
  readonly reportHistoryDays: number;
}

export const SCALES: Readonly<Record<ScaleName, Scale>> = Object.freeze({
  full: Object.freeze({ name: 'full', customers: 200_000, products: 300_000, calls: 2_000_000, technicians: 150, clerks: 8, supervisors: 3, takeInShare: 0.206, reportHistoryDays: 10 * 261 }),
  small: Object.freeze({ name: 'small', customers: 2_000, products: 3_000, calls: 20_000, technicians: 6, clerks: 2, supervisors: 1, takeInShare: 0.206, reportHistoryDays: 40 }),
});

export function scaleNamed(name: string): Scale {
  if (name !== 'small' && name !== 'full') throw new Error(`Unknown scale '${name}': use small or full`);
  return SCALES[name];
}

/** "Now" in the generated branch: Monday 2026-11-23, 14:00 in Beijing. Ten years of history end here. */
export const BENCH_NOW = new Date('2026-11-23T06:00:00.000Z');
export const HISTORY_YEARS = 10;
export const BENCH_START = new Date(Date.UTC(BENCH_NOW.getUTCFullYear() - HISTORY_YEARS, BENCH_NOW.getUTCMonth(), BENCH_NOW.getUTCDate(), 0, 30));

/** Bump when the generator's output changes, so cached databases are rebuilt. */
export const GENERATOR_VERSION = 2;
