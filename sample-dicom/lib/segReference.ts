/**
 * The reference segmentation of a sample CT date, written as a DICOM SEG beside the CT: liver,
 * spleen and each lesion of the date, derived from the phantom on the CT grid. A voxel belongs
 * to the structure that the phantom shows at its centre: the last painted primitive whose
 * surface contains the centre (alpha ≥ 0.5, see checks.ts tissueAt) — so the liver excludes the
 * vessels, ducts, gallbladder and lesions painted over it. Counts and mean HU (from the stored
 * pixels of the written CT) go to truth.json.
 */
import { writeSegmentation, type SegWriterSegment } from '../../src/dicom/seg/index.ts';
import { anatomyParts } from './anatomy.ts';
import { CT_IMAGE_STORAGE } from './modules.ts';
import type { LesionAtDate } from './patient.ts';
import { paintPlane, type Primitive } from './raster.ts';
import { planeFor, topLeftFor, type GeneratedFile, type SeriesGeometry } from './series.ts';
import { resolveCt, type CtSeriesOptions } from './ctSeries.ts';
import {
  dimensionOrganizationUid,
  instanceUid,
  seriesUid,
  trackingUid,
  type SeriesKey,
} from './uids.ts';

export const SEG_SERIES_NUMBER = 90;
export const SEG_SERIES_DESCRIPTION = 'SEG reference';

const ANATOMICAL_STRUCTURE = {
  codeValue: '123037004',
  codingSchemeDesignator: 'SCT',
  codeMeaning: 'Anatomical Structure',
};
const ALTERED_STRUCTURE = {
  codeValue: '49755003',
  codingSchemeDesignator: 'SCT',
  codeMeaning: 'Morphologically Altered Structure',
};

export interface TruthSegment {
  segmentNumber: number;
  label: string;
  role: 'liver' | 'spleen' | 'lesion';
  /** Truth lesion id (L1…), null for organs. */
  lesionId: string | null;
  trackingId: string | null;
  trackingUid: string | null;
  voxelCount: number;
  volumeMl: number;
  /** Mean of the stored CT values (after rescale) over the segment's voxels, HU. */
  meanHu: number;
}

export interface TruthSegmentation {
  seriesInstanceUid: string;
  sopInstanceUid: string;
  /** Folder and file relative to the output root. */
  folder: string;
  file: string;
  sourceSeriesInstanceUid: string;
  frames: number;
  segments: TruthSegment[];
}

interface SegmentSpec {
  labelValue: number;
  role: TruthSegment['role'];
  lesionId: string | null;
  segment: SegWriterSegment;
}

/** Liver (1), spleen (2), then the date's lesions (3…) with TrackingID = truth id. */
function segmentSpecs(lesions: readonly LesionAtDate[], patient: number): SegmentSpec[] {
  const specs: SegmentSpec[] = [
    {
      labelValue: 1,
      role: 'liver',
      lesionId: null,
      segment: {
        labelValue: 1,
        label: 'Liver',
        category: ANATOMICAL_STRUCTURE,
        type: { codeValue: '10200004', codingSchemeDesignator: 'SCT', codeMeaning: 'Liver' },
        algorithmType: 'AUTOMATIC',
        algorithmName: 'llr-sample-dicom phantom',
        colorRgb: [221, 130, 101],
      },
    },
    {
      labelValue: 2,
      role: 'spleen',
      lesionId: null,
      segment: {
        labelValue: 2,
        label: 'Spleen',
        category: ANATOMICAL_STRUCTURE,
        type: { codeValue: '78961009', codingSchemeDesignator: 'SCT', codeMeaning: 'Spleen' },
        algorithmType: 'AUTOMATIC',
        algorithmName: 'llr-sample-dicom phantom',
        colorRgb: [157, 108, 162],
      },
    },
  ];
  for (const lesion of lesions) {
    const number = Number(lesion.id.replace(/^L/, ''));
    specs.push({
      labelValue: specs.length + 1,
      role: 'lesion',
      lesionId: lesion.id,
      segment: {
        labelValue: specs.length + 1,
        label: `${lesion.id} (segment ${lesion.segment})`,
        category: ALTERED_STRUCTURE,
        type: { codeValue: '52988006', codingSchemeDesignator: 'SCT', codeMeaning: 'Lesion' },
        algorithmType: 'AUTOMATIC',
        algorithmName: 'llr-sample-dicom phantom',
        trackingId: lesion.id,
        trackingUid: trackingUid(patient, number),
        colorRgb: [230, 80, 60],
      },
    });
  }
  return specs;
}

export interface ReferenceSegmentation {
  /** Feed every CT slice (instance order) as ctSeriesFiles yields it. */
  addSlice(k: number, stored: Uint16Array | Int16Array): void;
  /** Writes the SEG once every slice was added. */
  finish(
    ct: SeriesGeometry,
    folder: string,
    fileName: string,
  ): { file: GeneratedFile; truth: TruthSegmentation };
}

/** Labels the phantom on the grid of `options`' CT, slice by slice, and writes its SEG. */
export function createReferenceSegmentation(
  options: CtSeriesOptions,
  lesions: readonly LesionAtDate[],
  studyKey: Pick<SeriesKey, 'patient' | 'study'>,
): ReferenceSegmentation {
  const r = resolveCt(options);
  const o = r.o;
  const specs = segmentSpecs(lesions, studyKey.patient);
  const valueOf = new Map<string, number>([
    ['liver', 1],
    ['spleen', 2],
  ]);
  for (const s of specs) if (s.lesionId) valueOf.set(`lesion.${s.lesionId}`, s.labelValue);
  // Hard-edged copies (alpha ≥ 0.5 ⇔ inside) of everything painted from the spleen on.
  const anatomy = anatomyParts();
  const fromSpleen = anatomy.slice(anatomy.findIndex((p) => p.name === 'spleen'));
  const parts: Primitive<string>[] = [
    ...fromSpleen.map((p) => ({
      ...p,
      tissue: p.tissue === 'liver' || p.tissue === 'spleen' ? p.tissue : 'other',
      edgeMm: 0,
    })),
    ...lesions.map((l) => ({
      name: `lesion.${l.id}`,
      tissue: `lesion.${l.id}`,
      shape: { kind: 'ellipsoid' as const, centre: l.centreMm, radii: l.radiiMm },
      edgeMm: 0,
    })),
  ];
  const plane = o.rows * o.columns;
  const labels = new Uint8Array(plane * o.slices);
  const counts = new Float64Array(256);
  const sums = new Float64Array(256);
  const scratch = new Float32Array(plane);
  const spacing: [number, number] = [o.pixelSpacingMm, o.pixelSpacingMm];
  const axial = [1, 0, 0, 0, 1, 0] as const;
  const { rescaleSlope: slope, rescaleIntercept: intercept } = r.storage;
  let added = 0;

  return {
    addSlice(k, stored) {
      const z = r.topZ - k * o.sliceSpacingMm;
      const origin = topLeftFor([r.centre[0], r.centre[1], z], o.rows, o.columns, axial, spacing);
      scratch.fill(0);
      paintPlane(
        planeFor(o.rows, o.columns, origin, axial, spacing),
        scratch,
        parts,
        (t) => valueOf.get(t) ?? 0,
      );
      // Grid order is ascending z (the order ingest sorts slices along the normal).
      const base = (o.slices - 1 - k) * plane;
      for (let p = 0; p < plane; p++) {
        const v = scratch[p] as number;
        if (v === 0) continue;
        labels[base + p] = v;
        counts[v] = (counts[v] ?? 0) + 1;
        sums[v] = (sums[v] ?? 0) + (stored[p] as number) * slope + intercept;
      }
      added++;
    },
    finish(ct, folder, fileName) {
      if (added !== o.slices)
        throw new Error(`reference SEG: ${added} of ${o.slices} slices added`);
      const key: SeriesKey = { ...studyKey, series: SEG_SERIES_NUMBER };
      const ctKey: SeriesKey = { ...studyKey, series: r.key.series };
      const written = writeSegmentation({
        grid: {
          dimensions: [o.columns, o.rows, o.slices],
          spacingMm: [o.pixelSpacingMm, o.pixelSpacingMm, o.sliceSpacingMm],
          originMm: ct.lastImagePositionPatient,
          direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
        },
        labels,
        segments: specs.map((s) => s.segment),
        source: {
          studyInstanceUid: ct.studyInstanceUid,
          seriesInstanceUid: ct.seriesInstanceUid,
          frameOfReferenceUid: ct.frameOfReferenceUid,
          slices: Array.from({ length: o.slices }, (_, g) => ({
            sopClassUid: CT_IMAGE_STORAGE,
            sopInstanceUid: instanceUid(ctKey, o.slices - g),
          })),
          sliceThicknessMm: r.thickness,
        },
        patient: {
          name: r.patient.name,
          id: r.patient.id,
          birthDate: r.patient.birthDate,
          sex: r.patient.sex,
        },
        study: {
          date: r.date,
          time: r.time,
          id: String(studyKey.study),
          accessionNumber: o.accession ?? `LLR${r.date.slice(2)}${studyKey.study}`,
          description: o.studyDescription ?? 'CT ABDOMEN WITH CONTRAST',
        },
        segmentation: {
          seriesInstanceUid: seriesUid(key),
          sopInstanceUid: instanceUid(key, 1),
          dimensionOrganizationUid: dimensionOrganizationUid(key),
          seriesNumber: SEG_SERIES_NUMBER,
          instanceNumber: 1,
          seriesDescription: SEG_SERIES_DESCRIPTION,
          contentLabel: 'REFERENCE',
          contentDescription: 'Phantom truth: liver, spleen and lesions on the CT grid',
          contentCreatorName: 'LLR^SAMPLE GENERATOR',
          contentDate: r.date,
          contentTime: r.time.slice(0, 6),
        },
        equipment: {
          manufacturer: 'LLR Synthetic',
          modelName: 'llr-sample-dicom',
          deviceSerialNumber: 'LLR-SEG-0001',
          softwareVersions: 'llr-sample-dicom 1',
        },
      });
      if (!written.ok) throw new Error(`reference SEG: ${written.error.message}`);
      const voxelMl = (o.pixelSpacingMm * o.pixelSpacingMm * o.sliceSpacingMm) / 1000;
      const segments = specs.map((s): TruthSegment => {
        const n = counts[s.labelValue] ?? 0;
        return {
          segmentNumber: written.value.segmentNumberOf.get(s.labelValue) ?? 0,
          label: s.segment.label,
          role: s.role,
          lesionId: s.lesionId,
          trackingId: s.segment.trackingId ?? null,
          trackingUid: s.segment.trackingUid ?? null,
          voxelCount: n,
          volumeMl: Math.round(n * voxelMl * 1e4) / 1e4,
          meanHu: n > 0 ? Math.round(((sums[s.labelValue] ?? 0) / n) * 1e4) / 1e4 : 0,
        };
      });
      return {
        file: { name: fileName, bytes: written.value.bytes },
        truth: {
          seriesInstanceUid: seriesUid(key),
          sopInstanceUid: instanceUid(key, 1),
          folder,
          file: `${folder}/${fileName}`,
          sourceSeriesInstanceUid: ct.seriesInstanceUid,
          frames: written.value.frameCount,
          segments,
        },
      };
    },
  };
}
