/**
 * Plain, serialisable views of what the host has loaded. They carry no pixels and no
 * cornerstone objects, so plugins stay independent of ingest internals.
 */
export type SeriesKind = 'volume' | 'stack' | 'single' | 'localizer' | 'seg' | 'sr' | 'other';

export interface SeriesSummary {
  /** Unique among loaded series (one SeriesInstanceUID may be split, e.g. a mixed-in localizer). */
  readonly id: string;
  readonly seriesInstanceUid: string;
  readonly studyInstanceUid: string;
  readonly modality: string;
  readonly description: string;
  readonly number: number | null;
  readonly kind: SeriesKind;
  readonly frameCount: number;
  readonly frameOfReferenceUid: string | null;
  /** [columns, rows, slices] when the series forms a volume. */
  readonly dimensions: readonly [number, number, number] | null;
  /** [column spacing, row spacing, slice spacing] in mm when the series forms a volume. */
  readonly spacingMm: readonly [number, number, number] | null;
  readonly contrastAgent: string | null;
  readonly warnings: readonly string[];
}

export interface StudySummary {
  readonly studyInstanceUid: string;
  /** ISO date (YYYY-MM-DD) or null when the study has no valid StudyDate. */
  readonly date: string | null;
  readonly description: string;
  readonly modalities: readonly string[];
  readonly series: readonly SeriesSummary[];
}

export interface PatientSummary {
  readonly patientId: string;
  readonly patientName: string;
  /** ISO date (YYYY-MM-DD); null or absent when not recorded (or not given by the source). */
  readonly birthDate?: string | null;
  /** PatientSex as recorded (M, F, O); '' or absent when not recorded. */
  readonly sex?: string;
  /** Sorted by date, oldest first. */
  readonly studies: readonly StudySummary[];
}

/** A file the host could not load, with the reason shown to the user. */
export interface LoadProblem {
  readonly file: string;
  readonly code: string;
  readonly message: string;
}
