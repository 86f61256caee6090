/** Findings: typed per-date imaging findings with image references, and their measurements. */
export type * from './types';
export { COUINAUD_ORDER, DIFFUSE_PATTERN_WARNING } from './types';
export type * from './roiTypes';
export { FindingsError, type FindingsErrorCode } from './FindingsError';
export { computeRoiStatistics } from './computeRoiStatistics';
export { poolRoiStatistics } from './poolRoiStatistics';
export {
  measureLiverToSpleen,
  LIVER_ATTENUATION_THRESHOLD_HU,
  LS_RATIO_THRESHOLD,
  L_MINUS_S_REFERENCE_HU,
  L_MINUS_S_THRESHOLD_HU,
  type LiverSpleenMeasurement,
  type ThresholdFlag,
  type ThresholdFlagStatus,
} from './measureLiverToSpleen';
export {
  inferContrastEnhancement,
  type ContrastEvidence,
  type ContrastInference,
} from './inferContrastEnhancement';
export { computePatternSupport, type PatternSupportInput } from './computePatternSupport';
export { selectFindingsAsOf } from './selectFindingsAsOf';
