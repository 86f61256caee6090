// Public surface of DICOM de-identification (PS3.15 Annex E). Pure TypeScript: no DOM, React or
// cornerstone; runs in Node, workers and browsers.
export {
  createDeidentifier,
  DEIDENTIFICATION_METHOD,
  DEIDENTIFICATION_METHOD_CODES,
  type Deidentifier,
} from './createDeidentifier.ts';
export { DUMMY_TEXT } from './deidentifyDataset.ts';
export { daysBetween, shiftDa, shiftDt } from './shiftDicomDate.ts';
export type {
  DeidError,
  DeidErrorCode,
  DeidOptions,
  DeidReport,
  DeidResult,
  DeidentifiedFile,
  PatientDeidentity,
} from './types.ts';
