export type FindingsErrorCode =
  'SIZE_MISMATCH' | 'INVALID_SLICE' | 'INVALID_RADIUS' | 'INVALID_SPACING';

/** What findings measurements throw on bad input: a stable `code`, a message for people. */
export class FindingsError extends Error {
  readonly code: FindingsErrorCode;
  constructor(code: FindingsErrorCode, message: string) {
    super(message);
    this.name = 'FindingsError';
    this.code = code;
  }
}
