import { tz } from '@date-fns/tz';
import { format } from 'date-fns/format';
import { nzhModule } from './packages';

/**
 * Formatting for the printed forms. Pure: instants are printed in the zone the model names, never the
 * host's; money stays integer fen until it is printed.
 */

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`Money must be integer fen: ${fen}`);
}

/** 123450 → '1,234.50' (yuan with two decimals and thousands separators). */
export function formatYuan(fen: number): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = String(abs % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}${yuan}.${cents}`;
}

/** 123450 → '壹仟贰佰叁拾肆元伍角' (the amount in Chinese capital numerals, as on an invoice). */
export function yuanInWords(fen: number): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  // Passed as a decimal string so no float rounding can change a digit.
  const words = nzhModule().cn.toMoney(`${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`, { outSymbol: false, forceZheng: true });
  return fen < 0 ? `负${words}` : words;
}

function parseInstant(iso: string): Date {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an ISO instant: ${iso}`);
  return date;
}

/** A UTC instant as 'yyyy-MM-dd HH:mm' in the branch's zone. */
export function formatInstant(iso: string, timeZone: string): string {
  return format(parseInstant(iso), 'yyyy-MM-dd HH:mm', { in: tz(timeZone) });
}

/** A UTC instant as 'HH:mm' in the branch's zone. */
export function formatClock(iso: string, timeZone: string): string {
  return format(parseInstant(iso), 'HH:mm', { in: tz(timeZone) });
}

/** 135 → '2:15' (hours and minutes). */
export function formatHoursMinutes(minutes: number): string {
  const sign = minutes < 0 ? '-' : '';
  const abs = Math.abs(Math.round(minutes));
  return `${sign}${Math.floor(abs / 60)}:${String(abs % 60).padStart(2, '0')}`;
}
