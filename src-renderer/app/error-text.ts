import type { TFunction } from 'i18next';
import type { ApiError } from '../../src-shared/contract/errors';

/** A plain-words message for an operation's error, with the reason when the main process gave one. */
export function errorText(t: TFunction, error: ApiError): string {
  const parts = [t(error.messageKey)];
  if (error.details?.reasonKey) {
    const params: Record<string, string | number> = { ...error.details.params };
    // A call's status is a code in the error; the message shows its translated name.
    if (typeof params.status === 'string') params.status = t(`callStatus.${params.status}`);
    parts.push(t(error.details.reasonKey, params));
  }
  if (error.details?.retryAfterSeconds) parts.push(t('login.retryAfter', { seconds: error.details.retryAfterSeconds }));
  return parts.join(' ');
}
