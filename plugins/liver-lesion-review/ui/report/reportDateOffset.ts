import type { HostApi } from '../../../../src/plugin-api';

// As the DICOM de-identification: 1 to 10 years back, in whole weeks (weekdays kept).
const MIN_OFFSET_WEEKS = 53;
const OFFSET_RANGE_WEEKS = 470;

// One offset per viewer (host) and page life, so every de-identified report of a session
// shows the same shifted dates; it is random and never stored.
const offsets = new WeakMap<HostApi, number>();

/**
 * How a de-identified report hides the patient: the session's export de-identity when the host
 * offers it (the same pseudonym and date shift as the de-identified DICOM SEG/SR and CSV/JSON),
 * else an offset of the report's own.
 */
export function reportDeidentity(
  host: HostApi,
  patientId: string,
): { readonly dateOffsetDays: number; readonly pseudonym?: string } {
  const shared = host.exportDeidentity?.(patientId);
  if (shared) return { dateOffsetDays: shared.dateOffsetDays, pseudonym: shared.patientId };
  return { dateOffsetDays: ownOffsetDays(host) };
}

/** Days to add to every date of a de-identified report (negative, whole weeks). */
function ownOffsetDays(host: HostApi): number {
  let days = offsets.get(host);
  if (days === undefined) {
    const random = crypto.getRandomValues(new Uint32Array(1))[0]!;
    days = -7 * (MIN_OFFSET_WEEKS + (random % OFFSET_RANGE_WEEKS));
    offsets.set(host, days);
  }
  return days;
}
