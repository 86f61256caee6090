import type {
  SegSourceDescription,
  SegWriterInput,
  SegWriterSegment,
  SegmentAlgorithmType,
} from '../../dicom/seg';
import type { SegmentInfo, SegmentTypeContribution } from '../types';

/** The new SEG's identity: pure code has no clock or random source, so the caller gives both. */
export interface SegExportIdentity {
  readonly seriesInstanceUid: string;
  readonly sopInstanceUid: string;
  readonly dimensionOrganizationUid: string;
  /** Local creation time. */
  readonly createdAt: Date;
  readonly softwareVersion: string;
}

export interface SegExportPlan {
  readonly input: SegWriterInput;
  /** Segments left out, with why (a segment without voxels would have no frame). */
  readonly omitted: ReadonlyArray<{ readonly label: string; readonly reason: string }>;
}

export type SegExportPlanResult =
  | { readonly ok: true; readonly value: SegExportPlan }
  | {
      readonly ok: false;
      readonly error: {
        readonly code: 'NOTHING_TO_EXPORT' | 'GRID_MISMATCH';
        readonly message: string;
      };
    };

/** Series number of the SEGs the viewer writes (the sample patient's references are 90). */
export const EXPORTED_SEG_SERIES_NUMBER = 900;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
/** DICOM DA (YYYYMMDD) and TM (HHMMSS) of a local time. */
export const toDicomDate = (d: Date): string =>
  `${d.getFullYear()}${pad(d.getMonth() + 1)}${pad(d.getDate())}`;
export const toDicomTime = (d: Date): string =>
  `${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;

/** LO: at most 64 characters, no backslash (the value separator) or control characters. */
function toLongString(text: string, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\\\u0000-\u001f\u007f]/g, ' ').trim();
  return (clean || fallback).slice(0, 64).trim();
}

/** Codes and algorithm of a segment: its segment type's, else those it was imported with. */
function describeSegment(
  segment: SegmentInfo,
  type: SegmentTypeContribution | undefined,
  fallbackType: SegmentTypeContribution | undefined,
): Pick<SegWriterSegment, 'category' | 'type' | 'algorithmType' | 'algorithmName'> | null {
  const imported = segment.imported;
  const category = type?.category ?? imported?.category ?? fallbackType?.category;
  const code = type?.type ?? imported?.type ?? fallbackType?.type;
  if (!category || !code) return null;
  // An imported segment keeps the algorithm that made it (the reader's edits refine it).
  const algorithmType: SegmentAlgorithmType =
    imported?.algorithmType && (imported.algorithmType === 'MANUAL' || imported.algorithmName)
      ? imported.algorithmType
      : 'MANUAL';
  return {
    category,
    type: code,
    algorithmType,
    ...(algorithmType !== 'MANUAL' && imported?.algorithmName
      ? { algorithmName: toLongString(imported.algorithmName, 'unknown') }
      : {}),
  };
}

/**
 * The writer input for the editor's labelmap of a series: one SEG segment per segment holding
 * voxels (in list order, numbered 1, 2, …), each with its segment type's SNOMED CT codes (or the
 * codes it was loaded with), colour, label and — for lesions — TrackingID and TrackingUID; the
 * source series' grid, per-slice instances and patient / study attributes; a new identity.
 */
export function buildSegWriterInput(args: {
  readonly segments: readonly SegmentInfo[];
  /** Voxels per segment index (the session's live counts). */
  readonly voxelCounts: ReadonlyMap<number, number>;
  readonly labels: Uint8Array;
  readonly dimensions: readonly [number, number, number];
  readonly segmentTypes: readonly SegmentTypeContribution[];
  readonly source: SegSourceDescription;
  readonly identity: SegExportIdentity;
}): SegExportPlanResult {
  const { source, identity } = args;
  const grid = source.grid.dimensions;
  if (grid.some((n, a) => n !== args.dimensions[a]))
    return {
      ok: false,
      error: {
        code: 'GRID_MISMATCH',
        message: `the labelmap is ${args.dimensions.join('×')}, the series ${grid.join('×')}`,
      },
    };
  const types = new Map(args.segmentTypes.map((t) => [t.id, t]));
  const fallbackType = args.segmentTypes[0];
  const omitted: Array<{ label: string; reason: string }> = [];
  const segments: SegWriterSegment[] = [];
  for (const segment of args.segments) {
    if ((args.voxelCounts.get(segment.index) ?? 0) === 0) {
      omitted.push({ label: segment.label, reason: 'no voxels' });
      continue;
    }
    const codes = describeSegment(segment, types.get(segment.typeId), fallbackType);
    if (!codes) {
      omitted.push({ label: segment.label, reason: 'no segment type code' });
      continue;
    }
    const label = toLongString(segment.label, `Segment ${segments.length + 1}`);
    const trackingUid = segment.trackingUid;
    segments.push({
      labelValue: segment.index,
      label,
      ...codes,
      // PS3.3 C.8.20.2: a TrackingUID needs its TrackingID.
      ...(trackingUid
        ? { trackingUid, trackingId: toLongString(segment.trackingId ?? '', label) }
        : {}),
      ...(!trackingUid && segment.trackingId
        ? { trackingId: toLongString(segment.trackingId, label) }
        : {}),
      colorRgb: segment.color,
    });
  }
  if (segments.length === 0)
    return {
      ok: false,
      error: { code: 'NOTHING_TO_EXPORT', message: 'no segment holds a voxel: nothing to export' },
    };
  const date = toDicomDate(identity.createdAt);
  const time = toDicomTime(identity.createdAt);
  return {
    ok: true,
    value: {
      omitted,
      input: {
        grid: source.grid,
        labels: args.labels,
        segments,
        source: source.source,
        patient: source.patient,
        study: source.study,
        segmentation: {
          seriesInstanceUid: identity.seriesInstanceUid,
          sopInstanceUid: identity.sopInstanceUid,
          dimensionOrganizationUid: identity.dimensionOrganizationUid,
          seriesNumber: EXPORTED_SEG_SERIES_NUMBER,
          instanceNumber: 1,
          seriesDescription: toLongString(
            `Segmentation of ${source.seriesDescription || source.modality}`,
            'Segmentation',
          ),
          contentLabel: 'SEGMENTATION',
          contentDescription: 'Segment editor of liver lesion review',
          contentDate: date,
          contentTime: time,
        },
        equipment: {
          manufacturer: 'Liver lesion review',
          modelName: 'liver-lesion-review viewer',
          deviceSerialNumber: 'LLR-VIEWER',
          softwareVersions: identity.softwareVersion,
        },
      },
    },
  };
}
