/**
 * RFC 4180 CSV with a UTF-8 byte-order mark, so Excel on a Chinese Windows opens names correctly.
 * Cells that start like a formula are prefixed with a quote: a branch-typed description must never
 * run as a formula on a head-office PC.
 */
export function toCsv<T>(columns: readonly { header: string; value: (row: T) => string | number | null }[], rows: readonly T[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => cell(c.value(row))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
