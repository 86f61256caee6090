import type { LabAnalyte, LabUnit, LabValue, TreatmentEvent } from './labs/types';

/**
 * The sample patient's labs: seed 004 (shared/seeds/004_63dfbbdc9ec98b21.txt), Table 1
 * "Trends in relevant metrics from July 24 through November 7", transcribed as printed.
 *
 * Ambiguities in the text extraction and how they were resolved:
 * - The caption says "July 24" but the first column reads "Jul 25": the column dates are used.
 * - No year is printed: 2024, the year of admission in the case presentation (and of the
 *   sample CT/MR dates 2024-07-25 / 07-26 / 08-12 / 10-07).
 * - "Aug12", "Aug29" lost their space in extraction: Aug 12, Aug 29.
 * - AST repeats 306.6 (Jul 25, Aug 4) and 312.7 (Aug 29, Sep 7), and ALT Oct 7 equals AST
 *   Oct 10 (60.3): possibly copy errors in the source; kept as printed (nothing to check against).
 * - "umol/L" is µmol/L, "mmol/l" is mmol/L; the ULN is the upper bound of "Ref.Range".
 * - Glucose is not stated to be fasting (the fasting series is in the paper's Appendix 1, not
 *   in the text): `fasting` is left unset, so its CTCAE grade carries that caveat.
 * - Table 1 has no ALP or GGT: the R ratio, the cholestatic lab criteria and Hy's law's ALP
 *   criterion are not evaluable for this patient; nothing is invented for them.
 * - Figure 4's description ("TBIL peaks at 400 U/mol on day 3") disagrees with Table 1
 *   (highest TBIL 316.3 µmol/L) and describes a chart, not values: not transcribed.
 */
const DATES = [
  '2024-07-25',
  '2024-08-04',
  '2024-08-12',
  '2024-08-29',
  '2024-09-07',
  '2024-10-07',
  '2024-10-10',
  '2024-11-07',
] as const;

const TABLE_1: readonly (readonly [LabAnalyte, readonly number[], number, number, LabUnit])[] = [
  ['ALT', [110.6, 59.7, 36.7, 45.1, 43.7, 60.3, 15.5, 36], 7, 40, 'U/L'],
  ['AST', [306.6, 306.6, 164.7, 312.7, 312.7, 129.3, 60.3, 109.5], 13, 35, 'U/L'],
  ['TBIL', [316.3, 206.4, 162.5, 189.1, 113.3, 42.1, 50.6, 72.4], 5.64, 18.52, 'µmol/L'],
  ['DBIL', [230.3, 122.5, 87.2, 133.3, 65.2, 20.8, 26.1, 49.2], 1.82, 6.78, 'µmol/L'],
  ['GLU', [5.18, 23.22, 11.4, 4.23, 4.82, 6.39, 16.08, 5.16], 3.9, 6.1, 'mmol/L'],
];

export const SAMPLE_LAB_VALUES: readonly LabValue[] = TABLE_1.flatMap(
  ([analyte, values, lower, upper, unit]) =>
    values.map((value, i) => ({
      analyte,
      date: DATES[i]!,
      value,
      unit,
      referenceRange: { lower, upper },
      source: 'Seed 004, Table 1',
    })),
);

/**
 * Treatment events of seed 004 (Figure 2 and the text). Dates the text gives only as a month
 * are approximate and say so:
 * - Liver-protective treatment "after admission": the first lab date, 2024-07-25.
 * - Alpelisib 300 mg once daily "initiated in early August": 2024-08-01. Glucose 23.22 mmol/L
 *   on Aug 4 (hyperglycaemia was its first side effect) fits a start on or before Aug 4.
 * - Reduced "by half to 150 mg once daily in September" for Grade 3 hyperglycaemia and
 *   facial neuralgia that began in early September: mid-September, 2024-09-15.
 * - "The original dosage of alpelisib was resumed": no date or month is given, so it is not
 *   placed on the timeline (add it when the date is known).
 */
export const SAMPLE_TREATMENT_EVENTS: readonly TreatmentEvent[] = [
  {
    id: 'hepatoprotective-start',
    date: '2024-07-25',
    dateCertainty: 'approximate',
    drug: 'Bicyclol, magnesium isoglycyrrhizinate, adenosine butylene sulfonate',
    kind: 'start',
    doseMg: null,
    schedule: null,
    reason: 'Liver protection after admission',
    note: 'Text: "After admission, the patient was given a comprehensive treatment including …"',
  },
  {
    id: 'alpelisib-start',
    date: '2024-08-01',
    dateCertainty: 'approximate',
    drug: 'Alpelisib',
    kind: 'start',
    doseMg: 300,
    schedule: 'once daily',
    reason: 'Control of tumour progression (liver injury considered tumour-infiltrating)',
    note: 'Text: "initiated in early August".',
  },
  {
    id: 'alpelisib-reduced',
    date: '2024-09-15',
    dateCertainty: 'approximate',
    drug: 'Alpelisib',
    kind: 'dose-change',
    doseMg: 150,
    schedule: 'once daily',
    reason: 'Grade 3 hyperglycaemia and facial neuralgia',
    note: 'Text: "reduced by half to 150 mg once daily in September".',
  },
];

/** Seed 004: recurrent HER2-negative metastatic breast cancer. */
export const SAMPLE_KNOWN_MALIGNANCY = true;
