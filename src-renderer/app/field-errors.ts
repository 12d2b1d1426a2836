import type { TFunction } from 'i18next';
import type { ApiError } from '../../src-shared/contract/errors';

/**
 * The message for one field of a refused input (`details.fields`), to show next to it, and its antd
 * status. A path matches itself and anything under it (`signature` covers `signature.signerName`).
 */
export function fieldErrors(t: TFunction, failure: ApiError | null) {
  const message = (path: string): string | undefined => {
    const problem = failure?.details?.fields?.find((f) => f.path === path || f.path.startsWith(`${path}.`));
    return problem ? t(problem.messageKey) : undefined;
  };
  const status = (path: string) => (message(path) ? ('error' as const) : undefined);
  return { message, status };
}
