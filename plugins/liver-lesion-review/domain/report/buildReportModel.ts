import type { Finding } from '../findings/types';
import type { CombinedTimeline } from '../labs/buildCombinedTimeline';
import type { LesionReview } from '../quantify/buildLesionReview';
import type { RuleEvaluation } from '../rules/evaluateRules';
import type { KeyImageCell } from './chooseKeyImages';
import { deidentifyContent } from './deidentifyReport';
import { describeFinding, type DescribedFinding } from './describeFinding';

/** Printed under the header of every report. */
export const REPORT_DISCLAIMER =
  'Measurements, response categories and rule results record what was measured and which ' +
  'published criteria the findings and labs meet, with their sources. They are not a ' +
  'diagnosis; interpreting them is for the treating physicians.';

export interface ReportPatient {
  readonly name: string;
  readonly id: string;
  /** ISO date, null when not recorded. */
  readonly birthDate: string | null;
  readonly sex: string | null;
}

export interface ReportStudy {
  readonly date: string | null;
  readonly modalities: readonly string[];
  readonly description: string;
}

export interface ReportInput {
  readonly patient: ReportPatient;
  readonly studies: readonly ReportStudy[];
  /** The series the lesions were measured on, one per date. */
  readonly measuredSeries: ReadonlyArray<{
    readonly date: string;
    readonly modality: string;
    readonly description: string;
  }>;
  /** ISO date-time the report was made. */
  readonly generatedAt: string;
  readonly review: LesionReview;
  readonly couinaud: Readonly<Record<string, string>>;
  readonly keyImages: ReadonlyArray<readonly KeyImageCell[]>;
  readonly findings: readonly Finding[];
  readonly evaluation: RuleEvaluation;
  readonly timeline: CombinedTimeline;
}

export interface ReportFindingLine extends DescribedFinding {
  /** The reader's free text; left out of de-identified reports. */
  readonly note: string | null;
}

export interface ReportModel extends Omit<ReportInput, 'patient' | 'findings'> {
  /** null in a de-identified report. */
  readonly patient: ReportPatient | null;
  /** What de-identification did, in words; null when the report is identified. */
  readonly deidentification: string | null;
  readonly disclaimer: string;
  readonly findingsByDate: ReadonlyArray<{
    readonly date: string;
    readonly findings: readonly ReportFindingLine[];
  }>;
}

export interface ReportOptions {
  /** De-identify: remove identity and descriptions, move every date by this many days. */
  readonly deidentify?: {
    readonly dateOffsetDays: number;
    /** The session's pseudonymous patient ID, shown in place of the ID (as in the DICOM export). */
    readonly pseudonym?: string | undefined;
  };
}

/**
 * Everything the printable report shows, from the review, findings and rules. De-identified,
 * it holds no patient name, ID, birth date or sex, no free text and no series descriptions,
 * and every date is shifted by the same offset (intervals kept).
 */
export function buildReportModel(input: ReportInput, options: ReportOptions = {}): ReportModel {
  const dates = [...new Set(input.findings.map((f) => f.date))].sort();
  const deid = options.deidentify;
  const findingsByDate = dates.map((date) => ({
    date,
    findings: input.findings
      .filter((f) => f.date === date)
      .map((f) => ({ ...describeFinding(f), note: deid ? null : (f.note ?? null) })),
  }));
  const model: ReportModel = {
    ...input,
    patient: input.patient,
    deidentification: null,
    disclaimer: REPORT_DISCLAIMER,
    findingsByDate,
  };
  if (!deid) return model;
  const { patient } = input;
  return deidentifyContent(
    {
      ...model,
      patient: null,
      studies: input.studies.map((s) => ({ ...s, description: '' })),
      measuredSeries: input.measuredSeries.map((s) => ({ ...s, description: '' })),
      deidentification: deid.pseudonym
        ? `De-identified as ${deid.pseudonym}: patient name, ID, birth date and sex, series ` +
          'descriptions and free-text notes removed; every date moved by the same undisclosed ' +
          'number of days, so intervals between dates are kept. Pseudonym and dates are those ' +
          'of this session’s de-identified DICOM SEG/SR and CSV/JSON exports.'
        : 'De-identified: patient name, ID, birth date and sex, series descriptions and ' +
          'free-text notes removed; every date moved by the same undisclosed number of whole ' +
          'weeks, so intervals between dates are kept.',
    },
    {
      dateOffsetDays: deid.dateOffsetDays,
      identifiers: [
        patient.name,
        patient.id,
        // The same name as DICOM PN (Family^Given) and as "Given Family".
        patient.name.replace(/,\s*/g, '^'),
        patient.name.split(/,\s*/).reverse().join(' '),
      ],
    },
  );
}
