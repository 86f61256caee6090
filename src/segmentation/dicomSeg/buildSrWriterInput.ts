import type { SegWriterInput } from '../../dicom/seg';
import {
  CODES,
  defaultProcedures,
  SEGMENTATION_STORAGE_UID,
  type SrFinding,
  type SrLesionMeasurement,
  type SrSourceSeries,
  type SrWriterInput,
} from '../../dicom/sr';
import type { ReportMeasurements, ReportedFinding } from '../../plugin-api';
import { toDicomDate, toDicomTime } from './buildSegWriterInput';

/** Series number of the SRs the viewer writes (the SEG is 900). */
export const EXPORTED_SR_SERIES_NUMBER = 901;
// The viewer as the observing device (TID 1004): its DICOM implementation root identifies it.
const DEVICE_OBSERVER_UID = '1.2.826.0.1.3680043.10.1478.1';

export interface SrExportIdentity {
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  readonly createdAt: Date;
}

/** A plugin's finding as the SR writer takes it (its TrackingUID is derived by the writer). */
export function toSrFinding(finding: ReportedFinding): SrFinding {
  switch (finding.kind) {
    case 'liver-spleen': {
      const { liver, spleen, rois, ...rest } = finding;
      return {
        ...rest,
        trackingUid: null,
        liver: { ...liver, images: [] },
        spleen: { ...spleen, images: [] },
        ...(rois
          ? {
              rois: rois.map(({ centre, ...roi }) => ({
                ...roi,
                ...(centre
                  ? {
                      centre: {
                        mm: [centre.mm[0], centre.mm[1], centre.mm[2]] as [number, number, number],
                        frameOfReferenceUid: centre.frameOfReferenceUid,
                      },
                    }
                  : {}),
              })),
            }
          : {}),
      };
    }
    case 'biliary-interruption': {
      const { pointMm, frameOfReferenceUid, ...rest } = finding;
      return {
        ...rest,
        trackingUid: null,
        point: { kind: 'patient', mm: [pointMm[0], pointMm[1], pointMm[2]], frameOfReferenceUid },
      };
    }
    case 'hepatomegaly': {
      const line = finding.spanLine;
      return {
        ...finding,
        trackingUid: null,
        spanLine: line
          ? {
              fromMm: [line.fromMm[0], line.fromMm[1], line.fromMm[2]],
              toMm: [line.toMm[0], line.toMm[1], line.toMm[2]],
              frameOfReferenceUid: line.frameOfReferenceUid,
            }
          : null,
      };
    }
    default:
      return { ...finding, trackingUid: null };
  }
}

/**
 * The TID 1500 report written next to a SEG: one measurement group per measured lesion segment
 * that the SEG holds (referencing its segment number and the SEG instance), the findings the
 * plugin reported for the date, the SEG's source series as image library, and the SEG's
 * patient and study. Lesions without a TrackingUID are left out (TID 1411 requires one).
 */
export function buildSrWriterInput(args: {
  readonly seg: SegWriterInput;
  /** SEG segment number of each labelmap value (writeSegmentation's segmentNumberOf). */
  readonly segmentNumberOf: ReadonlyMap<number, number>;
  readonly modality: string;
  readonly measurements: ReportMeasurements;
  readonly identity: SrExportIdentity;
}): SrWriterInput {
  const { seg, identity } = args;
  const sourceSeries: SrSourceSeries[] = [
    {
      studyInstanceUid: seg.source.studyInstanceUid,
      seriesInstanceUid: seg.source.seriesInstanceUid,
      modality: args.modality,
      frameOfReferenceUid: seg.source.frameOfReferenceUid,
      studyDate: /^\d{8}$/.test(seg.study.date) ? seg.study.date : null,
      images: seg.source.slices.map((s) => ({
        sopClassUid: s.sopClassUid,
        sopInstanceUid: s.sopInstanceUid,
        ...(s.frameNumber !== undefined ? { frameNumber: s.frameNumber } : {}),
      })),
    },
  ];
  const intensityKind =
    args.modality === 'CT' ? 'ct-attenuation' : args.modality === 'MR' ? 'mr-signal' : null;
  const segments = new Map(seg.segments.map((s) => [s.labelValue, s]));
  const lesions: SrLesionMeasurement[] = args.measurements.lesions.flatMap((m) => {
    const segment = segments.get(m.segmentIndex);
    const segmentNumber = args.segmentNumberOf.get(m.segmentIndex);
    if (!segment?.trackingUid || segmentNumber === undefined) return [];
    return [
      {
        trackingId: segment.trackingId ?? segment.label,
        trackingUid: segment.trackingUid,
        findingType: segment.type,
        findingSite: CODES.liver,
        segment: { segmentationSopInstanceUid: seg.segmentation.sopInstanceUid, segmentNumber },
        sourceSeriesInstanceUid: seg.source.seriesInstanceUid,
        volumeMl: m.volumeMl,
        longAxisMm: m.longAxisMm,
        shortAxisMm: m.shortAxisMm,
        intensityKind,
        meanIntensity: intensityKind ? m.meanIntensity : null,
        intensitySd: intensityKind ? m.intensitySd : null,
        otherMeasurements: [],
        ...(m.couinaudSegment ? { couinaudSegment: m.couinaudSegment } : {}),
      },
    ];
  });
  return {
    observer: {
      personName: null,
      device: {
        uid: DEVICE_OBSERVER_UID,
        name: seg.equipment.modelName,
        manufacturer: seg.equipment.manufacturer,
        modelName: seg.equipment.modelName,
      },
    },
    procedureReported: defaultProcedures(sourceSeries),
    activitySession: '1',
    sourceSeries,
    segmentations: [
      {
        sopClassUid: SEGMENTATION_STORAGE_UID,
        sopInstanceUid: seg.segmentation.sopInstanceUid,
        studyInstanceUid: seg.source.studyInstanceUid,
        seriesInstanceUid: seg.segmentation.seriesInstanceUid,
      },
    ],
    lesions,
    findings: args.measurements.findings.map(toSrFinding),
    patient: seg.patient,
    study: {
      studyInstanceUid: seg.source.studyInstanceUid,
      date: seg.study.date,
      time: seg.study.time,
      id: seg.study.id,
      accessionNumber: seg.study.accessionNumber,
      referringPhysicianName: seg.study.referringPhysicianName ?? '',
    },
    document: {
      seriesInstanceUid: identity.seriesInstanceUid,
      sopInstanceUid: identity.sopInstanceUid,
      seriesNumber: EXPORTED_SR_SERIES_NUMBER,
      instanceNumber: 1,
      seriesDescription: 'Lesion measurement report',
      contentDate: toDicomDate(identity.createdAt),
      contentTime: toDicomTime(identity.createdAt),
      completion: 'COMPLETE',
    },
    equipment: {
      manufacturer: seg.equipment.manufacturer,
      modelName: seg.equipment.modelName,
      softwareVersions: seg.equipment.softwareVersions,
    },
  };
}
