export type SegmentationErrorCode =
  | 'INVALID_GEOMETRY'
  | 'INVALID_SEGMENT'
  | 'INVALID_ARGUMENT'
  | 'SIZE_MISMATCH'
  | 'STROKE_ENDED'
  | 'CORRUPT_RLE';

/** The engine's only thrown type: a stable `code` for callers, a message for people. */
export class SegmentationError extends Error {
  readonly code: SegmentationErrorCode;
  constructor(code: SegmentationErrorCode, message: string) {
    super(message);
    this.name = 'SegmentationError';
    this.code = code;
  }
}
