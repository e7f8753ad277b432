/**
 * The one error class of webcare. Errors are structured data (code, field, expected, received)
 * so hosts can react to them without parsing messages.
 * @module
 */

/**
 * Every error code webcare throws or emits. Codes are stable: react to them, not to messages.
 *
 * @example
 * ```ts
 * import { type WebcareErrorCode, WebcareError } from 'webcare';
 * const retryable: ReadonlySet<WebcareErrorCode> = new Set(['SOURCE_FAILED', 'SOURCE_TIMEOUT', 'RATE_LIMITED']);
 * function shouldRetry(e: unknown): boolean {
 *   return e instanceof WebcareError && retryable.has(e.code);
 * }
 * ```
 */
export type WebcareErrorCode =
  | 'INVALID_MENTION'
  | 'INVALID_CONFIG'
  | 'INVALID_JSON'
  | 'SOURCE_FAILED'
  | 'SOURCE_HTTP'
  | 'SOURCE_TIMEOUT'
  | 'RATE_LIMITED'
  | 'BAD_SIGNATURE'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'STORE_FAILED'
  | 'DEPENDENCY_MISSING'
  | 'ABORTED';

/**
 * Options for {@link WebcareError}: the structured parts of the error.
 *
 * @example
 * ```ts
 * import { WebcareError } from 'webcare';
 * throw new WebcareError('INVALID_MENTION', 'followers must be a count', {
 *   field: 'author.followers',
 *   expected: 'a whole number >= 0',
 *   received: 'a negative number',
 * });
 * ```
 */
export interface WebcareErrorOptions {
  /** Dotted path of the offending field, e.g. `author.followers`. */
  field?: string;
  /** What was expected, in words. */
  expected?: string;
  /** A short, safe description of what was received (never the raw text of a mention). */
  received?: string;
  /** For `RATE_LIMITED` and retryable source failures: how long to wait before retrying. */
  retryAfterMs?: number;
  /** The underlying error, passed on as the standard `Error.cause`. */
  cause?: unknown;
}

/**
 * An error thrown (or emitted) by webcare, with a stable `code`.
 *
 * @example
 * ```ts
 * import { normalizeMention, WebcareError } from 'webcare';
 * try {
 *   normalizeMention({ text: 'hi', author: { followers: -3 } });
 * } catch (e) {
 *   if (e instanceof WebcareError) console.log(e.code, e.field); // INVALID_MENTION author.followers
 * }
 * ```
 */
export class WebcareError extends Error {
  /** The stable error code: react to it, not to the message. */
  readonly code: WebcareErrorCode;
  /** Dotted path of the offending field, e.g. `author.followers`, when one field is at fault. */
  readonly field: string | undefined;
  /** What was expected, in words. */
  readonly expected: string | undefined;
  /** A short, safe description of what was received (never the raw text of a mention). */
  readonly received: string | undefined;
  /** For `RATE_LIMITED` and retryable source failures: how long to wait before retrying, in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(code: WebcareErrorCode, message: string, options: WebcareErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WebcareError';
    this.code = code;
    this.field = options.field;
    this.expected = options.expected;
    this.received = options.received;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/**
 * Describe a value for an error message without echoing user text: the type, for strings only
 * the length, for long whole numbers (a phone or account number?) only the number of digits.
 *
 * @example
 * ```ts
 * import { describeValue } from 'webcare';
 *
 * describeValue(-3); // '-3'
 * describeValue('secret text'); // 'a string of 11 characters'
 * describeValue(612345678); // 'a whole number of 9 digits'
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (typeof value === 'number' || typeof value === 'bigint') {
    // A long whole number may be a phone, account or order number: give its size, not its digits.
    const s = String(value);
    return /^-?\d{7,}$/.test(s) ? `a whole number of ${s.replace('-', '').length} digits` : s;
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `an array of ${value.length} items`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : 'a Date';
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** Build an `INVALID_MENTION` error for a field. */
export function invalidField(field: string, expected: string, value: unknown): WebcareError {
  const received = describeValue(value);
  return new WebcareError('INVALID_MENTION', `Invalid mention: ${field} must be ${expected}, received ${received}`, {
    field,
    expected,
    received,
  });
}

/** Build an `INVALID_CONFIG` error for a field. */
export function invalidConfig(field: string, expected: string, value: unknown): WebcareError {
  const received = describeValue(value);
  return new WebcareError('INVALID_CONFIG', `Invalid config: ${field} must be ${expected}, received ${received}`, {
    field,
    expected,
    received,
  });
}
