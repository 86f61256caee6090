/**
 * Stable UIDs for the synthetic patients. Every UID is the project root plus small integers, so
 * the same study/series/instance always gets the same UID (no clock, no randomness):
 *
 *   study     ROOT.100.<patient>.<study>
 *   frame ref ROOT.100.<patient>.<study>.0.<n>
 *   series    ROOT.100.<patient>.<study>.<series>
 *   instance  ROOT.100.<patient>.<study>.<series>.<instance>
 *
 * Series and instance numbers start at 1, so `.0.` never collides with a series.
 */
export const UID_ROOT = '1.2.826.0.1.3680043.10.1478.';
const SAMPLE_ARC = `${UID_ROOT}100.`;

export interface SeriesKey {
  /** 1 for the sample patient; benchmarks and tests pick their own numbers (e.g. 9). */
  patient: number;
  study: number;
  series: number;
}

function check(uid: string): string {
  if (uid.length > 64 || !/^[0-9]+(\.(0|[1-9][0-9]*))*$/.test(uid)) {
    throw new Error(`invalid UID generated: ${uid}`);
  }
  return uid;
}

function positive(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what} must be a positive integer: ${n}`);
  return n;
}

export function studyUid(key: Pick<SeriesKey, 'patient' | 'study'>): string {
  return check(`${SAMPLE_ARC}${positive(key.patient, 'patient')}.${positive(key.study, 'study')}`);
}

export function frameOfReferenceUid(key: Pick<SeriesKey, 'patient' | 'study'>, n = 1): string {
  return check(`${studyUid(key)}.0.${positive(n, 'frame of reference')}`);
}

export function seriesUid(key: SeriesKey): string {
  return check(`${studyUid(key)}.${positive(key.series, 'series')}`);
}

export function instanceUid(key: SeriesKey, instanceNumber: number): string {
  return check(`${seriesUid(key)}.${positive(instanceNumber, 'instance')}`);
}

/**
 * TrackingUID of a lesion of a patient: ROOT.100.<patient>.0.<lesion>, the same on every date
 * (study numbers start at 1, so `.0.` never collides with a study).
 */
export function trackingUid(patient: number, lesion: number): string {
  return check(`${SAMPLE_ARC}${positive(patient, 'patient')}.0.${positive(lesion, 'lesion')}`);
}

/** Dimension organisation UID of a multi-frame series: <series UID>.0.1 (instances start at 1). */
export function dimensionOrganizationUid(key: SeriesKey): string {
  return check(`${seriesUid(key)}.0.1`);
}
