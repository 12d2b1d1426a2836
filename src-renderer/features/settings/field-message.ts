import type { TFunction } from 'i18next';
import type { ApiError } from '../../../src-shared/contract/errors';

/**
 * The translated message for one field of a refused input, with the params the main process gave
 * (an insecure head-office URL names the URL), and its antd status. A path matches itself and anything
 * under it; `exact` keeps a weekday's own message apart from those of its ranges.
 */
export function fieldMessages(t: TFunction, failure: ApiError | null) {
  const find = (path: string, exact = false) =>
    failure?.details?.fields?.filter((f) => f.path === path || (!exact && f.path.startsWith(`${path}.`))) ?? [];
  const message = (path: string, exact = false): string | undefined => {
    const problems = find(path, exact);
    if (problems.length === 0) return undefined;
    return [...new Set(problems.map((p) => t(p.messageKey, p.params ?? {})))].join(' ');
  };
  const status = (path: string, exact = false) => (find(path, exact).length > 0 ? ('error' as const) : undefined);
  return { message, status };
}
