import type { IngestError, IngestErrorCode } from './types.ts';

/** Marker thrown by our own code paths so their code survives the generic normalisation. */
export class IngestFailure extends Error {
  readonly code: IngestErrorCode;
  readonly byteOffset: number | undefined;
  constructor(code: IngestErrorCode, message: string, byteOffset?: number) {
    super(message);
    this.name = 'IngestFailure';
    this.code = code;
    this.byteOffset = byteOffset;
  }
}

interface PartialElement {
  tag?: unknown;
  dataOffset?: unknown;
  length?: unknown;
}

interface PartialDataSet {
  byteArray?: { length: number };
  elements?: Record<string, PartialElement>;
}

/** Every code an IngestError may carry (for validating errors that crossed a boundary). */
export const INGEST_ERROR_CODES: ReadonlySet<string> = new Set<IngestErrorCode>([
  'NOT_DICOM',
  'TRUNCATED',
  'SEQUENCE_TOO_DEEP',
  'PARSE_FAILED',
  'MISSING_ATTRIBUTE',
  'UNSUPPORTED_TRANSFER_SYNTAX',
  'UNSUPPORTED_PIXEL_FORMAT',
  'INCONSISTENT_SERIES',
  'TOO_LARGE',
  'NOT_A_VOLUME',
  'DECODE_FAILED',
  'INVALID_ARGUMENT',
]);

function isIngestErrorCode(value: unknown): value is IngestErrorCode {
  return typeof value === 'string' && INGEST_ERROR_CODES.has(value);
}

// "invalid value for parameter 'maxPosition'": a sequence declares more bytes than remain.
const TRUNCATION_PATTERN =
  /past end of buffer|buffer overrun|buffer overread|cannot seek|beyond the end|parameter 'maxP ?osition'/i;

function classifyMessage(message: string): IngestErrorCode {
  if (TRUNCATION_PATTERN.test(message)) return 'TRUNCATED';
  if (/DICM prefix not found/i.test(message)) return 'NOT_DICOM';
  if (/inflater|deflate/i.test(message)) return 'UNSUPPORTED_TRANSFER_SYNTAX';
  if (/missing required meta header attribute/i.test(message)) return 'MISSING_ATTRIBUTE';
  return 'PARSE_FAILED';
}

// dicom-parser names the position in some messages ("… not found at offset 350").
const OFFSET_PATTERN = /\b(?:at offset|at position|offset|position)\s+(\d+)/i;

function offsetInMessage(message: string): number | undefined {
  const match = OFFSET_PATTERN.exec(message);
  return match ? Number(match[1]) : undefined;
}

/** A message-only error, with the byte offset when the message names one. */
function fromMessage(message: string): IngestError {
  const error: IngestError = { code: classifyMessage(message), message };
  const offset = offsetInMessage(message);
  if (offset !== undefined) error.byteOffset = offset;
  return error;
}

function formatTag(tag: string): string {
  const hex = tag.startsWith('x') ? tag.slice(1) : tag;
  return `(${hex.slice(0, 4).toUpperCase()},${hex.slice(4, 8).toUpperCase()})`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * Where parsing stopped, from the elements dicom-parser managed to read: the element that runs
 * past the end of the file if there is one, else the end of the last complete element.
 */
function locateFailure(dataSet: PartialDataSet): { byteOffset: number; overrun?: string } | null {
  const elements = dataSet.elements;
  const fileLength = dataSet.byteArray?.length;
  if (!elements || fileLength === undefined) return null;
  let lastEnd = -1;
  for (const key of Object.keys(elements)) {
    const element = elements[key];
    if (!element || typeof element.dataOffset !== 'number' || typeof element.length !== 'number') {
      continue;
    }
    const end = element.dataOffset + element.length;
    if (end > fileLength) {
      return {
        byteOffset: element.dataOffset,
        overrun:
          `element ${formatTag(key)} at byte ${element.dataOffset} declares ${element.length} bytes ` +
          `but the file ends after ${fileLength} bytes`,
      };
    }
    if (end > lastEnd) lastEnd = end;
  }
  return lastEnd >= 0 ? { byteOffset: lastEnd } : null;
}

/**
 * Normalises anything thrown while reading DICOM into an IngestError. dicom-parser throws three
 * shapes: plain strings, `{ exception, dataSet }` objects (with the elements read so far) and
 * Error instances; we also see RangeError from deeply nested sequences.
 */
export function toIngestError(thrown: unknown, file?: string): IngestError {
  const withFile = (error: IngestError): IngestError =>
    file === undefined ? error : { ...error, file };

  if (thrown instanceof IngestFailure) {
    const error: IngestError = { code: thrown.code, message: thrown.message };
    if (thrown.byteOffset !== undefined) error.byteOffset = thrown.byteOffset;
    return withFile(error);
  }
  if (typeof thrown === 'string') return withFile(fromMessage(thrown));
  // Stack exhaustion (V8: RangeError "call stack", Firefox: InternalError "too much
  // recursion"): only deep nesting does that, and scanDataSetHeaders should have caught it.
  if (thrown instanceof Error && /call stack|too much recursion/i.test(thrown.message)) {
    return withFile({
      code: 'SEQUENCE_TOO_DEEP',
      message: `nesting too deep to parse (${thrown.message})`,
    });
  }
  if (thrown instanceof Error) return withFile(fromMessage(thrown.message));
  if (isRecord(thrown) && 'exception' in thrown) {
    const inner = toIngestError(thrown['exception']);
    const dataSet = thrown['dataSet'];
    const location = isRecord(dataSet) ? locateFailure(dataSet as PartialDataSet) : null;
    const error: IngestError = { code: inner.code, message: inner.message };
    if (location?.overrun) {
      error.byteOffset = location.byteOffset;
      error.code = 'TRUNCATED';
      error.message = `${inner.message}: ${location.overrun}`;
    } else if (inner.byteOffset !== undefined) {
      // The thrower's own position beats "after the last complete element".
      error.byteOffset = inner.byteOffset;
    } else if (location) {
      error.byteOffset = location.byteOffset;
    }
    return withFile(error);
  }
  if (
    isRecord(thrown) &&
    isIngestErrorCode(thrown['code']) &&
    typeof thrown['message'] === 'string'
  ) {
    // Already an IngestError-shaped value (e.g. re-thrown by a caller).
    return withFile({ code: thrown['code'], message: thrown['message'] });
  }
  return withFile({ code: 'PARSE_FAILED', message: `unexpected failure: ${String(thrown)}` });
}
