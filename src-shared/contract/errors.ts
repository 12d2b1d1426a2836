/**
 * The closed set of errors an operation can return. The renderer maps `messageKey` to a translated
 * message; a stack trace never crosses the boundary.
 */
export const ERROR_CODES = [
  'UNKNOWN_METHOD',
  'INVALID_INPUT',
  'NOT_SIGNED_IN',
  'SESSION_LOCKED',
  'FORBIDDEN',
  'BAD_CREDENTIALS',
  'LOGIN_THROTTLED',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'READ_ONLY',
  'ALREADY_SET_UP',
  'NOT_SET_UP',
  'STORAGE_FULL',
  /** A backup failed its checksum or integrity check: it is not restored and nothing changes. */
  'BACKUP_DAMAGED',
  'INTERNAL',
  /** Set by the renderer's client when the main process or server could not be reached at all. */
  'NETWORK',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One problem with one input field, e.g. `{ path: 'phone', messageKey: 'validation.required' }`. */
export interface FieldProblem {
  path: string;
  messageKey: string;
  params?: Record<string, string | number>;
}

export interface ApiError {
  code: ErrorCode;
  messageKey: `errors.${ErrorCode}`;
  details?: {
    fields?: FieldProblem[];
    /** For LOGIN_THROTTLED: how long until the next try is allowed. */
    retryAfterSeconds?: number;
    /** A domain reason key for CONFLICT / INVALID_TRANSITION / READ_ONLY, translated like messageKey. */
    reasonKey?: string;
    params?: Record<string, string | number>;
  };
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export function apiError(code: ErrorCode, details?: ApiError['details']): ApiError {
  return details ? { code, messageKey: `errors.${code}`, details } : { code, messageKey: `errors.${code}` };
}

/** HTTP status for each error code, used by the browser-mode transport. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  UNKNOWN_METHOD: 404,
  INVALID_INPUT: 400,
  NOT_SIGNED_IN: 401,
  SESSION_LOCKED: 401,
  FORBIDDEN: 403,
  BAD_CREDENTIALS: 401,
  LOGIN_THROTTLED: 429,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 409,
  READ_ONLY: 409,
  ALREADY_SET_UP: 409,
  NOT_SET_UP: 409,
  STORAGE_FULL: 507,
  BACKUP_DAMAGED: 422,
  INTERNAL: 500,
  NETWORK: 503,
};
