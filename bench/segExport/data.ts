/**
 * The SEG export bench's data: an axial CT series of 512×512×300 Part 10 files from the sample
 * generator (held in memory), ingested as the viewer ingests it, and a labelmap on its grid with
 * five ellipsoidal lesions of 8–40 mm (segments 1–5, voxel centres inside each ellipsoid).
 */
import { buildCtSeries } from '../../sample-dicom/lib/ctSeries.ts';
import { assembleVolume, ingestFiles, type InputFile, type Series } from '../../src/dicom/index.ts';
import { LIVER_SEGMENT_TYPES } from '../../plugins/liver-lesion-review/domain/segmentTypes.ts';
import type { SegmentInfo } from '../../src/segmentation/types.ts';

export interface SegBenchLesion {
  readonly segment: number;
  /** Centre in grid millimetres (index × spacing from voxel 0,0,0). */
  readonly centreMm: readonly [number, number, number];
  readonly radiiMm: readonly [number, number, number];
}

/** Five lesions of 8, 15, 22 × 18, 30 × 26 and 40 × 34 mm inside the phantom's liver. */
export const SEG_BENCH_LESIONS: readonly SegBenchLesion[] = [
  { segment: 1, centreMm: [130, 170, 150], radiiMm: [4, 4, 4] },
  { segment: 2, centreMm: [170, 230, 120], radiiMm: [7.5, 7.5, 7.5] },
  { segment: 3, centreMm: [120, 240, 210], radiiMm: [11, 9, 8] },
  { segment: 4, centreMm: [185, 165, 235], radiiMm: [15, 13, 12] },
  { segment: 5, centreMm: [140, 210, 180], radiiMm: [20, 17, 15] },
];

export interface SegBenchData {
  /** The ingested CT series (its instances hold the Part 10 bytes). */
  readonly series: Series;
  readonly dimensions: readonly [number, number, number];
  /** The CT in HU, grid order (what a viewer's cached images hold). */
  readonly voxels: Int16Array;
  /** One byte per voxel, value = segment index. */
  readonly labels: Uint8Array;
  /** Voxels per segment index, counted here by a plain loop (the truth of the read-back). */
  readonly voxelCounts: ReadonlyMap<number, number>;
  /** The editor's segment list: five Lesion segments with tracking identity. */
  readonly segments: readonly SegmentInfo[];
  /** Bytes of the CT files. */
  readonly ctBytes: number;
}

/** Paints the lesions; voxels of later lesions win (they do not overlap here). */
export function paintLesions(
  dimensions: readonly [number, number, number],
  spacingMm: readonly [number, number, number],
): Uint8Array {
  const [nx, ny, nz] = dimensions;
  const labels = new Uint8Array(nx * ny * nz);
  for (const lesion of SEG_BENCH_LESIONS) {
    const [cx, cy, cz] = lesion.centreMm;
    const [rx, ry, rz] = lesion.radiiMm;
    const k0 = Math.max(0, Math.floor((cz - rz) / spacingMm[2]));
    const k1 = Math.min(nz - 1, Math.ceil((cz + rz) / spacingMm[2]));
    for (let k = k0; k <= k1; k++) {
      const dz = (k * spacingMm[2] - cz) / rz;
      for (let j = 0; j < ny; j++) {
        const dy = (j * spacingMm[1] - cy) / ry;
        const rest = 1 - dy * dy - dz * dz;
        if (rest < 0) continue;
        const half = rx * Math.sqrt(rest);
        const i0 = Math.max(0, Math.ceil((cx - half) / spacingMm[0]));
        const i1 = Math.min(nx - 1, Math.floor((cx + half) / spacingMm[0]));
        if (i1 >= i0)
          labels.fill(lesion.segment, (k * ny + j) * nx + i0, (k * ny + j) * nx + i1 + 1);
      }
    }
  }
  return labels;
}

/** Voxels per label value, by a plain loop over the whole labelmap. */
export function countVoxels(labels: Uint8Array): Map<number, number> {
  const counts = new Array<number>(256).fill(0);
  for (let v = 0; v < labels.length; v++) counts[labels[v]!]!++;
  const out = new Map<number, number>();
  counts.forEach((n, value) => {
    if (value > 0 && n > 0) out.set(value, n);
  });
  return out;
}

/** The CT's Part 10 files (sample generator: realistic headers, signed 16-bit, 1 mm slices). */
export function generateCtFiles(size: number, slices: number): InputFile[] {
  return buildCtSeries({
    rows: size,
    columns: size,
    slices,
    pixelSpacingMm: 0.78125,
    sliceSpacingMm: 1,
    date: '20240725',
    storage: 'signed',
    key: { patient: 9, study: 1, series: 2 },
  }).files.map((f) => ({ name: f.name, bytes: f.bytes }));
}

/** Ingests the CT as the viewer does, assembles its HU volume and paints the lesions. */
export function buildSegBenchData(files: readonly InputFile[]): SegBenchData {
  const ingested = ingestFiles(files);
  const series = ingested.patients
    .flatMap((p) => p.studies)
    .flatMap((s) => s.series)
    .find((s) => s.kind === 'volume');
  if (!series?.geometry) throw new Error('the generated CT did not ingest as a volume');
  const volume = assembleVolume(series);
  if (!volume.ok) throw new Error(volume.error.message);
  if (!(volume.value.data instanceof Int16Array)) throw new Error('expected an Int16 CT volume');
  const g = series.geometry;
  const dimensions = g.dimensions;
  const labels = paintLesions(dimensions, g.spacing);
  const lesionType = LIVER_SEGMENT_TYPES[0]!;
  const segments: SegmentInfo[] = SEG_BENCH_LESIONS.map((lesion) => ({
    index: lesion.segment,
    label: `Lesion ${lesion.segment}`,
    typeId: lesionType.id,
    color: lesionType.color,
    visible: true,
    locked: false,
    trackingId: `L${lesion.segment}`,
    trackingUid: `2.25.${9000 + lesion.segment}`,
  }));
  return {
    series,
    dimensions,
    voxels: volume.value.data,
    labels,
    voxelCounts: countVoxels(labels),
    segments,
    ctBytes: files.reduce((n, f) => n + f.bytes.length, 0),
  };
}
