/**
 * Canonical JSON: object keys sorted by code unit, no whitespace, arrays in order. Both sides hash this
 * text, so the branch and head office agree on a report's content hash whatever order its keys were
 * built in. Values JSON cannot carry faithfully (undefined in arrays, NaN, Infinity, functions, bigint)
 * are refused rather than silently changed, so a hash never covers something other than what was sent.
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, at: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${at} is not a finite number`);
      return JSON.stringify(value);
    case 'object':
      return Array.isArray(value) ? writeArray(value, at) : writeObject(value as Record<string, unknown>, at);
    default:
      throw new TypeError(`canonicalJson: ${at} is a ${typeof value}, which JSON cannot carry`);
  }
}

function writeArray(items: unknown[], at: string): string {
  return `[${items.map((item, i) => write(item, `${at}[${i}]`)).join(',')}]`;
}

function writeObject(object: Record<string, unknown>, at: string): string {
  const proto = Object.getPrototypeOf(object) as unknown;
  if (proto !== Object.prototype && proto !== null) throw new TypeError(`canonicalJson: ${at} is not a plain object`);
  const parts: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const v = object[key];
    // Like JSON.stringify: an absent optional property and one set to undefined read the same.
    if (v === undefined) continue;
    parts.push(`${JSON.stringify(key)}:${write(v, `${at}.${key}`)}`);
  }
  return `{${parts.join(',')}}`;
}
