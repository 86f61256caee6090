/**
 * De-identification of the CSV/JSON export, matching the DICOM de-identification of the same
 * page session (PS3.15 basic profile, modified dates): the host's pseudonymous patient id, every
 * date shifted by the patient's whole-day offset (also inside reasons and rule summaries), UIDs
 * mapped as in the de-identified SEG/SR (so TrackingUIDs still link rows to SR groups), series
 * descriptions removed and free-text notes dropped.
 */
import type { ExportDeidentity } from '../../../../src/plugin-api';
import type { LesionReviewExport } from './buildReviewExport';

const DAY_MS = 86_400_000;
const ISO_DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/g;

/** ISO YYYY-MM-DD shifted by whole days (UTC, so no daylight-saving drift). */
export function shiftIsoDate(date: string, days: number): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  return new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) + days * DAY_MS).toISOString().slice(0, 10);
}

const shiftText = (text: string, days: number): string =>
  text.replace(ISO_DATE, (d) => shiftIsoDate(d, days));

export function deidentifyReviewExport(
  doc: LesionReviewExport,
  deid: ExportDeidentity,
): LesionReviewExport {
  const days = deid.dateOffsetDays;
  const date = (d: string) => shiftIsoDate(d, days);
  const uid = (u: string | null) => (u ? deid.mapUid(u) : u);
  return {
    ...doc,
    deidentified: true,
    patientId: deid.patientId,
    dates: doc.dates.map((d) => ({
      ...d,
      date: date(d.date),
      studyInstanceUid: deid.mapUid(d.studyInstanceUid),
      seriesInstanceUid: deid.mapUid(d.seriesInstanceUid),
      seriesDescription: '',
    })),
    lesions: doc.lesions.map((l) => ({
      ...l,
      patientId: deid.patientId,
      date: date(l.date),
      trackingUid: uid(l.trackingUid),
      statusReason: shiftText(l.statusReason, days),
    })),
    response: doc.response.map((r) => ({
      ...r,
      date: date(r.date),
      reasons: r.reasons.map((t) => shiftText(t, days)),
    })),
    findingsByDate: doc.findingsByDate.map((f) => ({ ...f, date: date(f.date), notes: null })),
    rulesByDate: doc.rulesByDate.map((r) => ({
      date: date(r.date),
      results: r.results.map((x) => ({ ...x, summary: shiftText(x.summary, days) })),
    })),
  };
}
