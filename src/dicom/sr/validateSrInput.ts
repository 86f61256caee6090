/**
 * Checks the writer's input before anything is encoded, so a report never names an image,
 * segment or series it does not also list as evidence. Returns the first problem, or null.
 */
import type { SrImageReference, SrWriterInput } from './types.ts';

const UID_PATTERN = /^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*$/;
export const isUid = (uid: string): boolean => uid.length <= 64 && UID_PATTERN.test(uid);
const isDa = (v: string) => /^\d{8}$/.test(v);
const isTm = (v: string) => /^\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?$/.test(v);
const finiteOrNull = (v: number | null) => v === null || Number.isFinite(v);

const imageKey = (i: SrImageReference) => `${i.sopInstanceUid}|${i.frameNumber ?? ''}`;

function checkLesions(input: SrWriterInput): string | null {
  const sources = new Set(input.sourceSeries.map((s) => s.seriesInstanceUid));
  const segs = new Set(input.segmentations.map((s) => s.sopInstanceUid));
  const tracking = new Set<string>();
  for (const [i, l] of input.lesions.entries()) {
    const name = `lesion ${i + 1} (${l.trackingId ?? 'no id'})`;
    if (!l.trackingId?.trim()) return `${name}: a Tracking Identifier is required (TID 1411)`;
    if (!l.trackingUid || !isUid(l.trackingUid))
      return `${name}: TrackingUID "${l.trackingUid}" is not a UID`;
    if (tracking.has(l.trackingUid)) return `${name}: TrackingUID ${l.trackingUid} is used twice`;
    tracking.add(l.trackingUid);
    if (!l.segment) return `${name}: the referenced SEG segment is required (TID 1411)`;
    if (!segs.has(l.segment.segmentationSopInstanceUid))
      return `${name}: SEG ${l.segment.segmentationSopInstanceUid} is not among the segmentations`;
    if (
      !Number.isInteger(l.segment.segmentNumber) ||
      l.segment.segmentNumber < 1 ||
      l.segment.segmentNumber > 65535
    )
      return `${name}: segment number ${l.segment.segmentNumber} is not 1..65535`;
    if (!l.sourceSeriesInstanceUid || !sources.has(l.sourceSeriesInstanceUid))
      return `${name}: its source series is not among the source series`;
    const numbers = [l.volumeMl, l.longAxisMm, l.shortAxisMm, l.meanIntensity, l.intensitySd];
    if (!numbers.every(finiteOrNull) || !l.otherMeasurements.every((m) => Number.isFinite(m.value)))
      return `${name}: measurements must be finite numbers or null`;
    if ((l.meanIntensity !== null || l.intensitySd !== null) && !l.intensityKind)
      return `${name}: intensityKind is required with an intensity`;
  }
  return null;
}

function checkFindings(input: SrWriterInput): string | null {
  const images = new Set(input.sourceSeries.flatMap((s) => s.images.map(imageKey)));
  for (const [i, f] of input.findings.entries()) {
    const name = `finding ${i + 1} (${f.kind})`;
    if (f.trackingUid !== null && !isUid(f.trackingUid))
      return `${name}: "${f.trackingUid}" is not a UID`;
    if (f.kind === 'liver-spleen') {
      const rois = [f.liver, f.spleen];
      if (
        !rois.every((r) => Number.isFinite(r.meanHu) && finiteOrNull(r.sdHu)) ||
        !finiteOrNull(f.ratio)
      )
        return `${name}: values must be finite numbers`;
      const missing = rois.flatMap((r) => r.images).find((im) => !images.has(imageKey(im)));
      if (missing)
        return `${name}: image ${missing.sopInstanceUid} is not among the source series images`;
    }
    if (f.kind === 'liver-spleen') {
      const bad = (f.rois ?? []).find(
        (r) =>
          !Number.isInteger(r.voxelCount) ||
          r.voxelCount < 0 ||
          ![r.meanHu, r.sdHu, r.minHu, r.maxHu, r.areaMm2].every(finiteOrNull) ||
          (r.centre &&
            (!isUid(r.centre.frameOfReferenceUid) || !r.centre.mm.every(Number.isFinite))) ||
          (r.radiiMm && !r.radiiMm.every((v) => Number.isFinite(v) && v > 0)),
      );
      if (bad) return `${name}: an ROI has a non-integer count, a non-finite value or a bad centre`;
    }
    if (f.kind === 'hepatomegaly') {
      if (!finiteOrNull(f.liverSpanMm)) return `${name}: the liver span must be finite`;
      const line = f.spanLine;
      if (
        line &&
        (!isUid(line.frameOfReferenceUid) || ![...line.fromMm, ...line.toMm].every(Number.isFinite))
      )
        return `${name}: the span line needs finite points and a frame of reference UID`;
    }
    if (f.kind === 'biliary-interruption') {
      const p = f.point;
      if (p.kind === 'patient' && (!isUid(p.frameOfReferenceUid) || !p.mm.every(Number.isFinite)))
        return `${name}: the point needs finite coordinates and a frame of reference UID`;
      if (
        p.kind === 'image' &&
        (!images.has(imageKey(p.image)) || !p.columnRow.every(Number.isFinite))
      )
        return `${name}: the point's image must be among the source series images`;
    }
  }
  return null;
}

export function validateSrInput(input: SrWriterInput): string | null {
  const uids = [
    input.study.studyInstanceUid,
    input.document.seriesInstanceUid,
    input.document.sopInstanceUid,
    ...(input.observer.device ? [input.observer.device.uid] : []),
    ...input.sourceSeries.flatMap((s) => [
      s.studyInstanceUid,
      s.seriesInstanceUid,
      ...(s.frameOfReferenceUid ? [s.frameOfReferenceUid] : []),
      ...s.images.flatMap((i) => [i.sopClassUid, i.sopInstanceUid]),
    ]),
    ...input.segmentations.flatMap((s) => [
      s.sopClassUid,
      s.sopInstanceUid,
      s.studyInstanceUid,
      s.seriesInstanceUid,
    ]),
  ];
  const bad = uids.find((u) => !isUid(u));
  if (bad !== undefined) return `"${bad}" is not a valid UID`;
  if (!isDa(input.study.date) || !isDa(input.document.contentDate))
    return 'study and content dates must be DA YYYYMMDD';
  if (!isTm(input.study.time) || !isTm(input.document.contentTime))
    return 'study and content times must be TM HHMMSS';
  if (input.patient.birthDate !== '' && !isDa(input.patient.birthDate))
    return 'birth date must be DA YYYYMMDD or empty';
  if (
    input.sourceSeries.some(
      (s) => s.images.length === 0 || (s.studyDate !== null && !isDa(s.studyDate)),
    )
  )
    return 'every source series needs at least one image and a DA study date (or null)';
  const longStrings = [input.document.seriesDescription, ...Object.values(input.equipment)];
  if (longStrings.some((v) => v.length > 64))
    return 'series description and equipment fields are LO (≤ 64 characters)';
  if (!input.observer.personName && !input.observer.device)
    return 'an observer (person or device) is required';
  if (input.lesions.length + input.findings.length === 0)
    return 'nothing to report: no lesion and no finding';
  if (input.activitySession !== null && !input.activitySession.trim())
    return 'activity session must not be blank';
  const ownStudy = (uid: string) => uid === input.study.studyInstanceUid;
  if (
    !input.sourceSeries.some((s) => ownStudy(s.studyInstanceUid)) &&
    !input.segmentations.some((s) => ownStudy(s.studyInstanceUid))
  )
    return 'the report must belong to the study of the images or segmentations it measures';
  return checkLesions(input) ?? checkFindings(input);
}
