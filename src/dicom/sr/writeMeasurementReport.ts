/**
 * Writes a DICOM SR Measurement Report (PS3.16 TID 1500) for one study date: language, observer
 * context, procedure reported, Image Library (TID 1600) and the Imaging Measurements container
 * with one group per lesion and per finding. Explicit VR little endian, zero preamble.
 */
import type { NaturalDataset } from 'dcmjs';
import { writePart10 } from '../write/writePart10.ts';
import { buildFindingGroups, buildLesionGroup, roiTrackingUid } from './buildMeasurementGroups.ts';
import {
  CODES,
  COMPREHENSIVE_3D_SR_STORAGE,
  ENHANCED_SR_STORAGE,
  MODALITY_MEANINGS,
} from './codes.ts';
import {
  codeItem,
  containerItem,
  dateItem,
  imageItem,
  personItem,
  textItem,
  uidItem,
  type Item,
} from './contentItems.ts';
import type { CodedConcept, SrResult, SrSourceSeries, SrWriterInput } from './types.ts';
import { isUid, validateSrInput } from './validateSrInput.ts';

function observerItems(input: SrWriterInput): Item[] {
  const items: Item[] = [];
  const { personName, device } = input.observer;
  if (personName) {
    items.push(codeItem('HAS OBS CONTEXT', CODES.observerType, CODES.person));
    items.push(personItem('HAS OBS CONTEXT', CODES.personObserverName, personName));
  }
  if (device) {
    items.push(codeItem('HAS OBS CONTEXT', CODES.observerType, CODES.device));
    items.push(uidItem('HAS OBS CONTEXT', CODES.deviceObserverUid, device.uid));
    if (device.name) items.push(textItem('HAS OBS CONTEXT', CODES.deviceObserverName, device.name));
    if (device.manufacturer)
      items.push(
        textItem('HAS OBS CONTEXT', CODES.deviceObserverManufacturer, device.manufacturer),
      );
    if (device.modelName)
      items.push(textItem('HAS OBS CONTEXT', CODES.deviceObserverModelName, device.modelName));
  }
  return items;
}

/** Default Procedure reported: CID 100's "CT/MRI unspecified body region" by modality. */
export function defaultProcedures(sources: readonly SrSourceSeries[]): CodedConcept[] {
  const modalities = new Set(sources.map((s) => s.modality));
  const codes: CodedConcept[] = [];
  if (modalities.has('CT')) codes.push(CODES.ctUnspecifiedBodyRegion);
  if (modalities.has('MR')) codes.push(CODES.mriUnspecifiedBodyRegion);
  return codes.length > 0 ? codes : [CODES.imagingProcedure];
}

/** TID 1600: one Image Library Group per series, its shared descriptors as acquisition context. */
function imageLibrary(sources: readonly SrSourceSeries[]): Item {
  const groups = sources.map((s) =>
    containerItem('CONTAINS', CODES.imageLibraryGroup, [
      codeItem('HAS ACQ CONTEXT', CODES.modality, {
        codeValue: s.modality,
        codingSchemeDesignator: 'DCM',
        codeMeaning: MODALITY_MEANINGS[s.modality] ?? s.modality,
      }),
      ...(s.studyDate ? [dateItem('HAS ACQ CONTEXT', CODES.studyDate, s.studyDate)] : []),
      ...(s.frameOfReferenceUid
        ? [uidItem('HAS ACQ CONTEXT', CODES.frameOfReferenceUid, s.frameOfReferenceUid)]
        : []),
      ...s.images.map((image) => imageItem('CONTAINS', null, image)),
    ]),
  );
  return containerItem('CONTAINS', CODES.imageLibrary, groups);
}

type Evidence = Map<string, Map<string, Map<string, string>>>; // study → series → sop → class

/** Hierarchical SOP Instance Reference Macro (PS3.3 Table C.17-3) of the referenced instances. */
function evidenceSequences(input: SrWriterInput): { current: Item[]; other: Item[] } {
  const evidence: Evidence = new Map();
  const add = (study: string, series: string, sop: string, sopClass: string) => {
    const bySeries = evidence.get(study) ?? new Map<string, Map<string, string>>();
    evidence.set(study, bySeries);
    const sops = bySeries.get(series) ?? new Map<string, string>();
    bySeries.set(series, sops);
    sops.set(sop, sopClass);
  };
  for (const s of input.sourceSeries)
    for (const i of s.images)
      add(s.studyInstanceUid, s.seriesInstanceUid, i.sopInstanceUid, i.sopClassUid);
  for (const s of input.segmentations)
    add(s.studyInstanceUid, s.seriesInstanceUid, s.sopInstanceUid, s.sopClassUid);
  const current: Item[] = [];
  const other: Item[] = [];
  for (const [study, bySeries] of evidence) {
    const item = {
      StudyInstanceUID: study,
      ReferencedSeriesSequence: [...bySeries].map(([series, sops]) => ({
        SeriesInstanceUID: series,
        ReferencedSOPSequence: [...sops].map(([sop, sopClass]) => ({
          ReferencedSOPClassUID: sopClass,
          ReferencedSOPInstanceUID: sop,
        })),
      })),
    };
    (study === input.study.studyInstanceUid ? current : other).push(item);
  }
  return { current, other };
}

/** Encodes the report; errors are values (`INVALID_ARGUMENT`, `ENCODE_FAILED`), never throws. */
export function writeMeasurementReport(input: SrWriterInput): SrResult<Uint8Array> {
  const problem = validateSrInput(input);
  if (problem) return { ok: false, error: { code: 'INVALID_ARGUMENT', message: problem } };
  const session = input.activitySession;
  const segmentationOf = new Map(input.segmentations.map((s) => [s.sopInstanceUid, s]));
  const groups: Item[] = input.lesions.map((l) =>
    buildLesionGroup(l, segmentationOf.get(l.segment!.segmentationSopInstanceUid)!, session),
  );
  for (const [i, finding] of input.findings.entries()) {
    const trackingUid = finding.trackingUid ?? `${input.document.sopInstanceUid}.${i + 1}`;
    const roiCount = finding.kind === 'liver-spleen' ? (finding.rois?.length ?? 0) : 0;
    if (!isUid(trackingUid) || (roiCount > 0 && !isUid(roiTrackingUid(trackingUid, roiCount))))
      return {
        ok: false,
        error: {
          code: 'INVALID_ARGUMENT',
          message: `finding ${i + 1}: give it a TrackingUID (derived one too long)`,
        },
      };
    groups.push(...buildFindingGroups(finding, trackingUid, session));
  }
  const procedures =
    input.procedureReported.length > 0
      ? input.procedureReported
      : defaultProcedures(input.sourceSeries);
  const root = containerItem(
    null,
    CODES.imagingMeasurementReport,
    [
      codeItem('HAS CONCEPT MOD', CODES.languageOfContent, CODES.englishUnitedStates),
      ...observerItems(input),
      ...procedures.map((p) => codeItem('HAS CONCEPT MOD', CODES.procedureReported, p)),
      imageLibrary(input.sourceSeries),
      containerItem('CONTAINS', CODES.imagingMeasurements, groups),
    ],
    '1500',
  );
  const uses3d = input.findings.some(
    (f) =>
      (f.kind === 'biliary-interruption' && f.point.kind === 'patient') ||
      (f.kind === 'hepatomegaly' && f.spanLine !== null && f.liverSpanMm !== null) ||
      (f.kind === 'liver-spleen' && (f.rois ?? []).some((r) => r.centre)),
  );
  const { current, other } = evidenceSequences(input);
  const doc = input.document;
  const dataset: NaturalDataset = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: uses3d ? COMPREHENSIVE_3D_SR_STORAGE : ENHANCED_SR_STORAGE,
    SOPInstanceUID: doc.sopInstanceUid,
    InstanceCreationDate: doc.contentDate,
    InstanceCreationTime: doc.contentTime,
    PatientName: input.patient.name,
    PatientID: input.patient.id,
    PatientBirthDate: input.patient.birthDate,
    PatientSex: input.patient.sex,
    StudyInstanceUID: input.study.studyInstanceUid,
    StudyDate: input.study.date,
    StudyTime: input.study.time,
    ReferringPhysicianName: input.study.referringPhysicianName,
    StudyID: input.study.id,
    AccessionNumber: input.study.accessionNumber,
    Modality: 'SR',
    SeriesInstanceUID: doc.seriesInstanceUid,
    SeriesNumber: doc.seriesNumber,
    SeriesDescription: doc.seriesDescription,
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: input.equipment.manufacturer,
    ManufacturerModelName: input.equipment.modelName,
    SoftwareVersions: input.equipment.softwareVersions,
    InstanceNumber: doc.instanceNumber,
    CompletionFlag: doc.completion,
    VerificationFlag: 'UNVERIFIED',
    ContentDate: doc.contentDate,
    ContentTime: doc.contentTime,
    PerformedProcedureCodeSequence: [],
    ...(current.length > 0 ? { CurrentRequestedProcedureEvidenceSequence: current } : {}),
    ...(other.length > 0 ? { PertinentOtherEvidenceSequence: other } : {}),
    ...root,
  };
  try {
    return { ok: true, value: new Uint8Array(writePart10(dataset)) };
  } catch (thrown) {
    return {
      ok: false,
      error: { code: 'ENCODE_FAILED', message: `SR encoding failed: ${(thrown as Error).message}` },
    };
  }
}
