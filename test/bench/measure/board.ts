import { DEFAULT_CALENDAR, localDateOf } from '../../../src-shared/domain/working-calendar';
import type { BenchContext } from './context';
import type { RawQueries } from './raw-queries';
import { ratio, type Figure } from './results';
import { sample, summarize } from './stats';

/** The board shows fifty calls a page. */
const BOARD_PAGE = 50;

/**
 * The supervisor's dispatch board (open calls waiting for a technician or his arrival, with their
 * deadlines and working minutes left) and the clerk's first screen (the newest page of the call-log
 * book), through the dispatcher, over HTTP, and raw.
 */
export async function measureBoard(ctx: BenchContext, raw: RawQueries, plan: { runs: number; warmup: number }): Promise<Figure[]> {
  const layers = async (service: () => Promise<unknown>, http: () => Promise<unknown>, rawFn: () => unknown) => {
    const sv = summarize(await sample(service, plan));
    const hp = summarize(await sample(http, plan));
    const rw = summarize(await sample(rawFn, plan));
    return { service: sv, http: hp, raw: rw, ratioToRaw: ratio(sv, rw) };
  };

  // The branch's today for the raw statement's carried-over rule, worked out before the clock starts.
  const today = localDateOf(DEFAULT_CALENDAR, ctx.clock.now().toISOString());
  const board = await layers(
    () => ctx.call('supervisor', 'calls.dispatchBoard', { limit: BOARD_PAGE }),
    () => ctx.post('supervisor', 'calls.dispatchBoard', { limit: BOARD_PAGE }),
    () => raw.dispatchBoard(today, BOARD_PAGE),
  );
  const waiting = (await ctx.call<{ total: number }>('supervisor', 'calls.dispatchBoard', { limit: BOARD_PAGE })).total;
  const book = await layers(
    () => ctx.call('clerk', 'calls.list', { filter: 'all', limit: 500 }),
    () => ctx.post('clerk', 'calls.list', { filter: 'all', limit: 500 }),
    () => raw.latestCalls(500),
  );
  return [
    {
      key: 'board.dispatch',
      label: 'dispatch board: first page of open calls with deadlines',
      unit: 'ms',
      ...board,
      target: 'p95 ≤ 40 ms, ≤ 1.5× raw',
      meetsTarget: board.service.p95 <= 40 && board.ratioToRaw.p95 <= 1.5,
      details: { callsOnBoard: waiting },
      note: `the screen's first page (${BOARD_PAGE} calls) and the count of all waiting; raw returns the rows only, the service also computes each call’s working minutes left on the branch calendar`,
    },
    {
      key: 'book.firstPage',
      label: 'call-log book, first page (500 newest)',
      unit: 'ms',
      ...book,
      target: '(no target; the app-start query)',
      meetsTarget: true,
    },
  ];
}
