import { fc, test } from '@fast-check/vitest';
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { describe, expect } from 'vitest';
import {
  DEFAULT_CALENDAR,
  addWorkingMinutes,
  hoursOn,
  isWorkingDay,
  localDateOf,
  nextWorkingDay,
  parseCalendar,
  workingMinutesBetween,
  workingMinutesFromMany,
  type TimeRange,
  type WorkingCalendar,
} from '../../src-shared/domain/working-calendar';

/**
 * Laws of the working-hours clock over random calendars in several zones. Business hours are drawn between
 * 05:00 and 23:00 so that no boundary sits in a daylight-saving gap or fold (those fall between 00:00 and
 * 03:00 in every zone used), which lets the "inside business hours" oracle read plain wall-clock times.
 */
const ZONES = ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
const FROM_MS = Date.UTC(2025, 11, 1);
const TO_MS = Date.UTC(2027, 5, 30);

const hhmm = (minuteOfDay: number): string =>
  `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;

/** Up to three disjoint ranges (possibly touching) on a quarter-hour grid between 05:00 and 23:00. */
const dayHours: fc.Arbitrary<TimeRange[]> = fc
  .uniqueArray(fc.integer({ min: 20, max: 92 }), { maxLength: 6 })
  .chain((quarters) => fc.constant([...quarters].sort((a, b) => a - b)))
  .map((sorted) => {
    const ranges: TimeRange[] = [];
    for (let i = 0; i + 1 < sorted.length; i += 2) ranges.push({ start: hhmm(sorted[i]! * 15), end: hhmm(sorted[i + 1]! * 15) });
    return ranges;
  });

const dateIn2026 = fc.integer({ min: 0, max: 364 }).map((day) => new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10));

const calendar: fc.Arbitrary<WorkingCalendar> = fc
  .record({
    timeZone: fc.constantFrom(...ZONES),
    weekly: fc.record({ 1: dayHours, 2: dayHours, 3: dayHours, 4: dayHours, 5: dayHours, 6: dayHours, 7: dayHours }),
    dates: fc.uniqueArray(dateIn2026, { maxLength: 40 }),
    makeUpCount: fc.nat({ max: 8 }),
    makeUpHours: dayHours.filter((hours) => hours.length > 0),
  })
  .filter(({ weekly }) => Object.values(weekly).some((hours) => hours.length > 0))
  // Split one unique list so that no date is both a holiday and a 调休 day, as the schema demands.
  .map(({ dates, makeUpCount, ...rest }) => ({ ...rest, makeUpWorkdays: dates.slice(0, makeUpCount), holidays: dates.slice(makeUpCount) }));

// Half the instants and minutes sit on the quarter-hour grid of the business hours (every zone used has an
// offset in whole quarter hours), so that results landing exactly on an opening or closing are common.
const instant = fc
  .oneof(fc.integer({ min: FROM_MS, max: TO_MS }), fc.integer({ min: FROM_MS / 900_000, max: TO_MS / 900_000 }).map((q) => q * 900_000))
  .map((ms) => new Date(ms).toISOString());
const minutes = fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 200 }).map((q) => q * 15));
const ms = (iso: string): number => Date.parse(iso);

/** Minute of the local day, with seconds as a fraction, and the local date: read independently of the clock. */
function wallClock(cal: WorkingCalendar, iso: string): { date: string; minute: number } {
  const [date, time] = format(new Date(iso), 'yyyy-MM-dd HH:mm:ss.SSS', { in: tz(cal.timeZone) }).split(' ') as [string, string];
  const [h, m, s] = time.split(':').map(Number) as [number, number, number];
  return { date, minute: h * 60 + m + s / 60 };
}

const toMinute = (value: string): number => Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));

describe('the working-hours clock, over random calendars', () => {
  test.prop([calendar])('generated calendars are valid calendars', (cal) => {
    expect(parseCalendar(cal)).toEqual(cal);
  });

  test.prop([calendar, instant, fc.array(instant, { maxLength: 30 })])('workingMinutesFromMany counts each instant exactly as workingMinutesBetween does', (cal, from, tos) => {
    // The dispatch board counts hundreds of deadlines at once; each must equal the one-at-a-time answer.
    expect(workingMinutesFromMany(cal, from, [...tos, from])).toEqual([...tos, from].map((to) => workingMinutesBetween(cal, from, to)));
  });

  test.prop([calendar, instant, minutes])('workingMinutesBetween(from, addWorkingMinutes(from, m)) === m', (cal, from, m) => {
    expect(workingMinutesBetween(cal, from, addWorkingMinutes(cal, from, m))).toBe(m);
  });

  test.prop([calendar, instant, minutes, minutes])('is monotonic in minutes', (cal, from, a, b) => {
    const [less, more] = a <= b ? [a, b] : [b, a];
    expect(ms(addWorkingMinutes(cal, from, less))).toBeLessThanOrEqual(ms(addWorkingMinutes(cal, from, more)));
  });

  test.prop([calendar, instant, minutes])('never ends inside a closed stretch, except exactly at a closing time', (cal, from, m) => {
    const result = addWorkingMinutes(cal, from, m);
    expect(ms(result)).toBeGreaterThanOrEqual(ms(from));
    const { date, minute } = wallClock(cal, result);
    const ranges = hoursOn(cal, date).map((r) => ({ start: toMinute(r.start), end: toMinute(r.end) }));
    // After m > 0 working minutes the clock has just worked, so it stands in (opening, closing]; after 0 it
    // may also stand exactly at an opening (a start outside hours waits for it).
    const inside = ranges.some((r) => (m > 0 ? r.start < minute : r.start <= minute) && minute <= r.end);
    expect(inside, `${result} is ${date} minute ${minute}, hours ${JSON.stringify(ranges)}`).toBe(true);
  });

  test.prop([calendar, instant, minutes, minutes])('is additive: add(add(t, a), b) === add(t, a + b)', (cal, t, a, b) => {
    expect(addWorkingMinutes(cal, addWorkingMinutes(cal, t, a), b)).toBe(addWorkingMinutes(cal, t, a + b));
  });

  test.prop([calendar, instant, instant, instant])('minutes between add up and change sign when reversed', (cal, a, b, c) => {
    const ab = workingMinutesBetween(cal, a, b);
    expect(workingMinutesBetween(cal, b, a)).toBe(0 - ab);
    // Whole milliseconds over 60 000: compare in ms to avoid floating-point noise.
    const abMs = Math.round(ab * 60_000);
    const bcMs = Math.round(workingMinutesBetween(cal, b, c) * 60_000);
    expect(abMs + bcMs).toBe(Math.round(workingMinutesBetween(cal, a, c) * 60_000));
  });

  test.prop([calendar, instant])('adding nothing leaves an instant inside hours where it is', (cal, from) => {
    const later = addWorkingMinutes(cal, from, 0);
    // Time strictly between `from` and where the clock starts is closed time.
    expect(workingMinutesBetween(cal, from, later)).toBe(0);
    const insideHours = workingMinutesBetween(cal, new Date(ms(from) - 1).toISOString(), from) > 0;
    if (insideHours) expect(later).toBe(from);
  });

  test.prop([calendar, dateIn2026])('the next working day is the first later date with business hours', (cal, date) => {
    const next = nextWorkingDay(cal, date);
    expect(next > date).toBe(true);
    expect(isWorkingDay(cal, next)).toBe(true);
    for (let d = date; ; ) {
      d = new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
      if (d === next) break;
      expect(isWorkingDay(cal, d), d).toBe(false);
    }
  });

  test.prop([calendar, instant])('the business day is the date on the branch’s wall clock', (cal, at) => {
    expect(localDateOf(cal, at)).toBe(wallClock(cal, at).date);
  });
});

describe('the default calendar', () => {
  test.prop([instant, fc.integer({ min: 1, max: 7 * 60 })])('never promises an arrival during lunch, at night or at a weekend', (from, m) => {
    const { date, minute } = wallClock(DEFAULT_CALENDAR, addWorkingMinutes(DEFAULT_CALENDAR, from, m));
    expect(isWorkingDay(DEFAULT_CALENDAR, date)).toBe(true);
    const morning = minute > 8 * 60 + 30 && minute <= 12 * 60;
    const afternoon = minute > 13 * 60 && minute <= 17 * 60 + 30;
    expect(morning || afternoon, `${date} minute ${minute}`).toBe(true);
  });
});
