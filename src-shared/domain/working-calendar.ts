import { z } from 'zod';
import { isLocalDate } from './working-hours';

/**
 * A branch's working calendar: business hours per weekday, public holidays and 调休 make-up days, in the
 * branch's own time zone. This file is the public face of the working-hours clock: the model, its schema
 * and (re-exported below) the clock itself. The arithmetic lives in ./working-hours, which imports only
 * types from here, so the runtime imports point one way and never form a cycle.
 */

/** Business hours `'HH:mm'` in the branch's local time, start < end; end may be `'24:00'` (open until midnight). */
export interface TimeRange {
  start: string;
  end: string;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface WorkingCalendar {
  /** IANA time zone, e.g. 'Asia/Shanghai': business hours and business days are read in it. */
  timeZone: string;
  /** ISO weekday → business hours that day (empty = closed). */
  weekly: Record<IsoWeekday, TimeRange[]>;
  /** 'yyyy-MM-dd' local dates closed although their weekday is open (public holidays). */
  holidays: string[];
  /** 调休: 'yyyy-MM-dd' dates (usually weekends) worked although their weekday is closed. */
  makeUpWorkdays: string[];
  /** Business hours on a 调休 day. */
  makeUpHours: TimeRange[];
}

const WEEKDAY_HOURS: TimeRange[] = [
  { start: '08:30', end: '12:00' },
  { start: '13:00', end: '17:30' },
];

/** Deep-freezes a constant so a caller mutating the shared default fails loudly instead of changing it for everyone. */
function frozen<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * The calendar until a branch sets its own: Monday to Friday 08:30-12:00 and 13:00-17:30 (closed for lunch),
 * Saturday and Sunday closed, Asia/Shanghai, no holidays; a 调休 day works Monday's hours. Deeply frozen.
 */
export const DEFAULT_CALENDAR: WorkingCalendar = frozen({
  timeZone: 'Asia/Shanghai',
  weekly: { 1: WEEKDAY_HOURS, 2: WEEKDAY_HOURS, 3: WEEKDAY_HOURS, 4: WEEKDAY_HOURS, 5: WEEKDAY_HOURS, 6: [], 7: [] },
  holidays: [],
  makeUpWorkdays: [],
  makeUpHours: WEEKDAY_HOURS,
});

const HH_MM = /^(?:[01]\d|2[0-3]):[0-5]\d$/;
// A range may run to midnight, written 24:00 (a 24-hour branch), but never starts there.
const HH_MM_END = /^(?:(?:[01]\d|2[0-3]):[0-5]\d|24:00)$/;

/** True for a time zone the runtime's Intl knows; an unknown one would silently yield Invalid Dates later. */
function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Ranges of one day may touch (12:00-13:00 then 13:00-17:30) but not overlap, in any order. */
function hasNoOverlap(ranges: readonly TimeRange[]): boolean {
  const sorted = [...ranges].sort((a, b) => a.start.localeCompare(b.start));
  return sorted.every((range, i) => i === 0 || sorted[i - 1]!.end <= range.start);
}

const localDateSchema = z.string({ error: 'validation.date' }).refine(isLocalDate, { error: 'validation.date' });

const timeRangeSchema = z
  .strictObject({
    start: z.string().regex(HH_MM, { error: 'validation.invalid_format' }),
    end: z.string().regex(HH_MM_END, { error: 'validation.invalid_format' }),
  })
  // 'HH:mm' strings compare like the times they name, so a string comparison is enough.
  .refine((range) => range.start < range.end, { error: 'validation.endBeforeStart', path: ['end'] });

const dayHoursSchema = z
  .array(timeRangeSchema)
  .max(12, { error: 'validation.tooMany' })
  .refine(hasNoOverlap, { error: 'validation.hoursOverlap' });

const dateListSchema = z.array(localDateSchema).max(5000, { error: 'validation.tooMany' });

/**
 * Validates a working calendar: IANA zone, well-formed non-overlapping 'HH:mm' ranges, real dates, at least
 * one weekday with business hours (an all-closed calendar would make every deadline infinite), no date that is
 * both a holiday and a 调休 day, and 调休 hours whenever there are 调休 days.
 */
export const workingCalendarSchema = z
  .strictObject({
    timeZone: z.string().refine(isTimeZone, { error: 'validation.timeZone' }),
    weekly: z.strictObject({
      1: dayHoursSchema,
      2: dayHoursSchema,
      3: dayHoursSchema,
      4: dayHoursSchema,
      5: dayHoursSchema,
      6: dayHoursSchema,
      7: dayHoursSchema,
    }),
    holidays: dateListSchema,
    makeUpWorkdays: dateListSchema,
    makeUpHours: dayHoursSchema,
  })
  .superRefine((cal, ctx) => {
    if (Object.values(cal.weekly).every((ranges) => ranges.length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['weekly'], message: 'validation.noBusinessHours' });
    }
    const holidays = new Set(cal.holidays);
    cal.makeUpWorkdays.forEach((date, i) => {
      if (holidays.has(date)) ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', i], message: 'validation.holidayAndMakeUpDay' });
    });
    if (cal.makeUpWorkdays.length > 0 && cal.makeUpHours.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['makeUpHours'], message: 'validation.makeUpHoursMissing' });
    }
  });

/** Parses stored or submitted JSON into a working calendar; throws zod's error when it is not one. */
export function parseCalendar(json: unknown): WorkingCalendar {
  return workingCalendarSchema.parse(json);
}

export {
  PROMISE_HOURS,
  addWorkingMinutes,
  hoursOn,
  isLocalDate,
  isWorkingDay,
  localDateOf,
  nextWorkingDay,
  promisedArrival,
  workingMinutesBetween,
  workingMinutesFromMany,
  type DistrictClass,
} from './working-hours';
