/**
 * Laboratory values and treatment events of a patient, on the dates they were taken. Values
 * are held in one canonical unit per analyte (see LAB_ANALYTES) so dates from different labs
 * compare; each value carries the reporting lab's own reference range in that unit, because
 * × ULN must use the range of the lab that measured it.
 */

/** ALT, AST, ALP, GGT (enzymes), total and direct bilirubin, glucose. */
export type LabAnalyte = 'ALT' | 'AST' | 'ALP' | 'GGT' | 'TBIL' | 'DBIL' | 'GLU';

export const LAB_ANALYTE_ORDER: readonly LabAnalyte[] = [
  'ALT',
  'AST',
  'ALP',
  'GGT',
  'TBIL',
  'DBIL',
  'GLU',
];

/** Canonical units: enzymes in U/L, bilirubin in µmol/L, glucose in mmol/L. */
export type LabUnit = 'U/L' | 'µmol/L' | 'mmol/L';

/** A reference range in the value's unit; either bound may be missing on a report. */
export interface ReferenceRange {
  readonly lower: number | null;
  /** The upper limit of normal (ULN): the denominator of every × ULN figure. */
  readonly upper: number | null;
}

export interface LabValue {
  readonly analyte: LabAnalyte;
  /** ISO date YYYY-MM-DD the sample was taken. */
  readonly date: string;
  /** In `unit`, the canonical unit of the analyte. */
  readonly value: number;
  readonly unit: LabUnit;
  readonly referenceRange: ReferenceRange;
  /** Glucose only: true when the sample was taken fasting (CTCAE grades fasting glucose). */
  readonly fasting?: boolean;
  /** Where the value came from (e.g. "seed 004 Table 1", "import row 7"). */
  readonly source?: string;
}

export type TreatmentEventKind = 'start' | 'stop' | 'dose-change';

export interface TreatmentEvent {
  readonly id: string;
  /** ISO date YYYY-MM-DD; see `dateCertainty` when the source gives only "early August". */
  readonly date: string;
  readonly dateCertainty: 'exact' | 'approximate';
  readonly drug: string;
  readonly kind: TreatmentEventKind;
  /** Dose after the event (null for a stop, or when not known). */
  readonly doseMg: number | null;
  /** How the dose is given, e.g. "once daily". */
  readonly schedule: string | null;
  readonly reason?: string;
  /** Free text for the reader, e.g. the source's own words about the date. */
  readonly note?: string;
}

/** Three-valued outcome of a criterion: met, not met, or not evaluable for missing input. */
export type CriterionStatus = 'met' | 'not-met' | 'not-evaluable';

/** The value of each analyte that applies on one date (see selectLabPanel). */
export type LabPanel = Partial<Readonly<Record<LabAnalyte, LabValue>>>;
