/** Why a CSV row (or the whole file) was rejected. */
export type LabImportErrorCode =
  | 'EMPTY_FILE'
  | 'MALFORMED_CSV'
  | 'MISSING_COLUMN'
  | 'UNKNOWN_ANALYTE'
  | 'INVALID_DATE'
  | 'INVALID_VALUE'
  | 'MISSING_UNIT'
  | 'UNKNOWN_UNIT'
  | 'INVALID_RANGE';

/** A rejected row: a stable code, the row (1-based line of the file, header = 1), a message. */
export interface LabImportError {
  readonly code: LabImportErrorCode;
  /** null for errors about the whole file. */
  readonly row: number | null;
  readonly column: string | null;
  readonly message: string;
}

/** Rows kept or skipped with an assumption the reader should know about. */
export type LabImportNoticeCode =
  | 'BLANK_VALUE_SKIPPED'
  | 'UNIT_FROM_PREVIOUS_ROW'
  | 'RANGE_FROM_PREVIOUS_ROW'
  | 'NO_REFERENCE_RANGE'
  | 'UNIT_CONVERTED';

export interface LabImportNotice {
  readonly code: LabImportNoticeCode;
  readonly row: number;
  readonly message: string;
}
