/** Labs: typed values and treatment events, × ULN, R ratio, Hy's law, CTCAE, CSV import, timeline. */
export type * from './types';
export { LAB_ANALYTE_ORDER } from './types';
export { LAB_ANALYTES, findAnalyte, type AnalyteInfo } from './analytes';
export { timesUln } from './timesUln';
export {
  computeRRatio,
  classifyInjuryPattern,
  R_CHOLESTATIC_MAX,
  R_HEPATOCELLULAR_MIN,
  type InjuryPattern,
  type RRatioResult,
} from './computeRRatio';
export { classifyAltSeverity, type AltSeverity } from './classifyAltSeverity';
export { gradeCtcae, type CtcaeGrade, type CtcaeGradeResult } from './gradeCtcae';
export { evaluateHysLaw, type HysLawCriterion, type HysLawResult } from './evaluateHysLaw';
export {
  detectRapidRise,
  RAPID_RISE_MIN_FACTOR,
  RAPID_RISE_WINDOW_DAYS,
  type RapidRiseOptions,
  type RapidRiseResult,
} from './detectRapidRise';
export { assessLabValue, type AssessedLabValue } from './assessLabValue';
export { buildLabTable, type LabTable, type LabTableDate } from './buildLabTable';
export { selectLabPanel } from './selectLabPanel';
export { parseLabCsv, type LabImportResult } from './parseLabCsv';
export type * from './LabImportError';
export {
  buildCombinedTimeline,
  type BurdenPoint,
  type CombinedTimeline,
  type TimelineEvent,
  type TimelineRow,
  type TimelineSeries,
  type TimelineSeriesKey,
  type TreatmentSpan,
} from './buildCombinedTimeline';
