/**
 * Types of DICOM de-identification: PS3.15 Annex E Basic Application Level Confidentiality
 * Profile with the Retain Longitudinal Temporal Information with Modified Dates Option and the
 * Clean Structured Content Option.
 */
import type { DenaturalizedDataset } from 'dcmjs';

export type DeidErrorCode =
  /** The bytes are not a DICOM Part 10 file dcmjs can read. */
  | 'NOT_DICOM'
  /** dcmjs read an element whose values do not fit its VR (writing it would never end). */
  | 'MALFORMED_DATASET'
  /** Big endian or deflated: we would have to re-encode pixel data we do not understand. */
  | 'UNSUPPORTED_TRANSFER_SYNTAX'
  /** BurnedInAnnotation is YES: pixel data is not cleaned (no Clean Pixel Data Option). */
  | 'BURNED_IN_ANNOTATION'
  /** Bad options (salt too short, non-integer date offset…). */
  | 'INVALID_ARGUMENT'
  /** dcmjs could not write the de-identified dataset. */
  | 'ENCODE_FAILED';

export interface DeidError {
  readonly code: DeidErrorCode;
  readonly message: string;
  readonly file?: string;
}

export type DeidResult<T> = { ok: true; value: T } | { ok: false; error: DeidError };

/**
 * What PS3.15 Table E.1-1 says to do with an attribute. Compound actions ("X/Z" …) depend on the
 * attribute's type in the IOD; `resolveAction` picks the one that keeps any IOD valid.
 */
export type ProfileAction =
  'X' | 'Z' | 'D' | 'U' | 'C' | 'K' | 'X/Z' | 'X/D' | 'Z/D' | 'X/Z/D' | 'X/Z/U*';

export interface DeidOptions {
  /**
   * The export session's secret (at least 16 bytes, e.g. crypto.getRandomValues): keys the UID
   * remapping, pseudonyms and date offsets. The same salt maps the same inputs identically, so
   * files de-identified in one session keep their references; without it nothing can be undone.
   */
  readonly salt: Uint8Array;
  /** Whole days added to every date of every patient; default: from salt and PatientID. */
  readonly dateOffsetDays?: number;
  /** Replacement PatientName / PatientID; default: `ANON^<code>` / `ANON-<code>` from the salt. */
  readonly pseudonym?: { readonly patientName: string; readonly patientId: string };
  /** Refuse images whose BurnedInAnnotation is YES (default true): pixels are not cleaned. */
  readonly refuseBurnedInAnnotation?: boolean;
}

/** Per-patient values of a session, derived from the salt and the original PatientID. */
export interface PatientDeidentity {
  readonly patientName: string;
  readonly patientId: string;
  readonly dateOffsetDays: number;
}

/** Counts of what was done to one dataset, for the export log (no original values). */
export interface DeidReport {
  readonly removed: number;
  readonly emptied: number;
  readonly replaced: number;
  readonly uidsRemapped: number;
  readonly datesShifted: number;
}

export interface DeidentifiedFile {
  readonly bytes: Uint8Array;
  /** The new SOP Instance UID (already remapped). */
  readonly sopInstanceUid: string;
  readonly report: DeidReport;
}

/** The callbacks the dataset walker needs; one context per file, sharing the session's keys. */
export interface DeidContext {
  readonly mapUid: (uid: string) => string;
  readonly patient: PatientDeidentity;
  readonly counts: { -readonly [K in keyof DeidReport]: number };
}

export type { DenaturalizedDataset };
