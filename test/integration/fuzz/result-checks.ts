import { ERROR_CODES, type ApiResult } from '../../../src-shared/contract/errors';
import en from '../../../src-shared/i18n/en.json';
import zhCN from '../../../src-shared/i18n/zh-CN.json';

type Catalogue = { [key: string]: string | Catalogue };

function hasKey(catalogue: Catalogue, key: string): boolean {
  const found = key.split('.').reduce<Catalogue | string | undefined>((node, part) => (node && typeof node === 'object' ? node[part] : undefined), catalogue);
  return typeof found === 'string';
}

/** The problems with one result, empty when it is a success or a well-formed typed refusal. */
export function problemsOf(result: ApiResult<unknown>): string[] {
  if (result.ok) {
    try {
      JSON.stringify(result.data);
      return [];
    } catch (error) {
      return [`data does not serialise: ${String(error)}`];
    }
  }
  const problems: string[] = [];
  const { error } = result;
  const extra = Object.keys(error).filter((k) => !['code', 'messageKey', 'details'].includes(k));
  if (extra.length > 0) problems.push(`error carries ${extra.join(', ')}`);
  if (!(ERROR_CODES as readonly string[]).includes(error.code)) problems.push(`code ${String(error.code)} is not in ERROR_CODES`);
  if (error.code === 'INTERNAL' || error.code === 'NETWORK') problems.push(`code ${error.code}`);
  if (error.messageKey !== `errors.${error.code}`) problems.push(`messageKey ${error.messageKey}`);
  const keys = [error.messageKey, ...(error.details?.reasonKey ? [error.details.reasonKey] : []), ...(error.details?.fields ?? []).map((f) => f.messageKey)];
  for (const key of keys) {
    if (!hasKey(zhCN as Catalogue, key)) problems.push(`zh-CN lacks ${key}`);
    if (!hasKey(en as Catalogue, key)) problems.push(`en lacks ${key}`);
  }
  if (/stack|Error:|\bat \w+ \(/.test(JSON.stringify(error))) problems.push('error text leaks a stack or message');
  return problems;
}

/** A short, printable description of an input (some are 100k characters or 100k levels deep). */
export function describeInput(input: unknown): string {
  try {
    const text = JSON.stringify(input, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v));
    return text === undefined ? String(input) : text.length > 300 ? `${text.slice(0, 300)}… (${text.length} chars)` : text;
  } catch {
    return '(too deep to print)';
  }
}
