import { localDateOf, type WorkingCalendar } from '../../../src-shared/domain/working-calendar';
import type { OpContext } from '../operation';
import { loadCalendar } from '../repos/settings';

export interface DayContext {
  calendar: WorkingCalendar;
  /** The branch's business day at the operation's instant. */
  today: string;
  nowIso: string;
}

/** The branch calendar and "today" as the branch counts it, for one operation. */
export async function dayContext(ctx: OpContext): Promise<DayContext> {
  const calendar = await loadCalendar(ctx.db);
  const nowIso = ctx.now.toISOString();
  return { calendar, today: localDateOf(calendar, nowIso), nowIso };
}
