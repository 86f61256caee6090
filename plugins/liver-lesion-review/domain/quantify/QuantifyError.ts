export type QuantifyErrorCode = 'SIZE_MISMATCH' | 'INVALID_SEGMENT' | 'INVALID_BOX';

/** What lesion quantification throws on bad input: a stable `code`, a message for people. */
export class QuantifyError extends Error {
  readonly code: QuantifyErrorCode;
  constructor(code: QuantifyErrorCode, message: string) {
    super(message);
    this.name = 'QuantifyError';
    this.code = code;
  }
}
