import type { Kysely } from 'kysely';
import { apiError, type ApiError, type ErrorCode } from '../../src-shared/contract/errors';
import type { DB } from './db/schema';

/**
 * A typed failure thrown by a service. The dispatcher rolls the transaction back and returns
 * `error.apiError` to the caller.
 */
export class AppError extends Error {
  readonly apiError: ApiError;
  /**
   * Something that must be recorded although the operation failed (a wrong password is counted): the
   * dispatcher runs it in a fresh transaction after rolling the failed one back.
   */
  afterRollback?: (db: Kysely<DB>) => Promise<void>;
  constructor(code: ErrorCode, details?: ApiError['details']) {
    super(code);
    this.name = 'AppError';
    this.apiError = apiError(code, details);
  }
}

export const notFound = (entity: string) => new AppError('NOT_FOUND', { reasonKey: `entities.${entity}` });
export const conflict = (reasonKey: string, params?: Record<string, string | number>) =>
  new AppError('CONFLICT', params ? { reasonKey, params } : { reasonKey });
export const invalidTransition = (reasonKey: string, params?: Record<string, string | number>) =>
  new AppError('INVALID_TRANSITION', params ? { reasonKey, params } : { reasonKey });
