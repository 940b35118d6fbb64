/** Codes of {@link EnsignError}. Each names one kind of programmer error. */
export type EnsignErrorCode =
  | 'INVALID_OPTIONS'
  | 'INVALID_ARGUMENT'
  | 'INVALID_DATAFILE'
  | 'INVALID_CONTEXT'
  | 'CLOSED'
  | 'NOT_SUPPORTED';

/** The same codes as values. */
export const EnsignErrorCodes = Object.freeze({
  INVALID_OPTIONS: 'INVALID_OPTIONS',
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
  INVALID_DATAFILE: 'INVALID_DATAFILE',
  INVALID_CONTEXT: 'INVALID_CONTEXT',
  CLOSED: 'CLOSED',
  NOT_SUPPORTED: 'NOT_SUPPORTED',
} as const satisfies Record<EnsignErrorCode, EnsignErrorCode>);

/**
 * The one error type of Ensign. It is thrown only for programmer errors found at construction time
 * (bad options); runtime failures are reported as results, reasons or events, never thrown.
 *
 * @example
 * throw new EnsignError('INVALID_OPTIONS', 'flushIntervalMs must be at least 100');
 */
export class EnsignError extends Error {
  readonly code: EnsignErrorCode;
  constructor(code: EnsignErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EnsignError';
    this.code = code;
  }
}

/** Tells whether a value is an {@link EnsignError}, optionally with a given code. */
export function isEnsignError(value: unknown, code?: EnsignErrorCode): value is EnsignError {
  return value instanceof EnsignError && (code === undefined || value.code === code);
}
