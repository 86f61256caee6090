export type ReportErrorCode = 'SIZE_MISMATCH' | 'SLICE_OUT_OF_RANGE' | 'SEGMENT_NOT_ON_SLICE';

/** What the report's pure functions throw on bad input: a stable `code`, a message for people. */
export class ReportError extends Error {
  readonly code: ReportErrorCode;
  constructor(code: ReportErrorCode, message: string) {
    super(message);
    this.name = 'ReportError';
    this.code = code;
  }
}
