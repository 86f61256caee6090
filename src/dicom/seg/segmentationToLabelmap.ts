import type {
  ParsedSegmentation,
  SegError,
  SegLabelmap,
  SegmentDescription,
  SegmentOverlap,
  SegResult,
  SegTargetGrid,
} from './types.ts';

export interface SegToLabelmapOptions {
  /**
   * Where segments overlap, the one with the higher priority keeps the voxel (ties: the higher
   * segment number). Default: every segment 0, so the higher segment number wins.
   */
  readonly priority?: (segment: SegmentDescription) => number;
  /**
   * A buffer to reuse for the labelmap (cleared here), e.g. across the dates of a patient:
   * a new 75 MiB array costs more in page faults than filling the SEG into it.
   */
  readonly labels?: Uint8Array;
}

/** Frames are placed on a slice when within this fraction of the slice spacing (DS rounding). */
const SLICE_TOLERANCE = 0.05;
/** …and when their in-plane origin is within this fraction of a pixel of the slice's. */
const PIXEL_TOLERANCE = 0.1;
const ORIENTATION_TOLERANCE = 1e-3;

const mismatch = (message: string, file: string): { ok: false; error: SegError } => ({
  ok: false,
  error: { code: 'GEOMETRY_MISMATCH', message, file },
});

type V3 = readonly [number, number, number];
const dot = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/** Index of the slice at `along` mm on the normal, or -1 (positions ascend). */
function sliceAt(positions: readonly number[], along: number, tolerance: number): number {
  let lo = 0;
  let hi = positions.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((positions[mid] ?? 0) < along) lo = mid + 1;
    else hi = mid;
  }
  let best = -1;
  let bestDistance = Infinity;
  for (const k of [lo - 1, lo]) {
    const p = positions[k];
    if (p === undefined) continue;
    const d = Math.abs(p - along);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return bestDistance <= tolerance ? best : -1;
}

/**
 * Maps a parsed SEG onto the voxel grid of its source image series: each frame goes to the
 * slice of the source instance it references (SourceImageSequence), else to the slice at its
 * plane position along the normal; frames may come in any order. BINARY frames are bit-packed
 * across frame boundaries (PS3.5 8.1.1), or each padded to whole bytes where the parser found
 * that layout (`binaryFrameStrideBits`, with a warning); a FRACTIONAL voxel belongs to its
 * segment when its value is at least half of MaximumFractionalValue (≥ 127.5 of 255: 128 is in,
 * 127 out); LABELMAP values are segment numbers.
 * Resampling is not done: frames must share the source's size, spacing and orientation.
 */
export function segmentationToLabelmap(
  seg: ParsedSegmentation,
  target: SegTargetGrid,
  options: SegToLabelmapOptions = {},
): SegResult<SegLabelmap> {
  const [columns, rows, slices] = target.dimensions;
  const file = seg.file;
  if (seg.columns !== columns || seg.rows !== rows)
    return mismatch(
      `SEG frames are ${seg.columns}×${seg.rows}, the source images ${columns}×${rows} (resampling is not supported)`,
      file,
    );
  const tooLarge = seg.segments.find((s) => s.segmentNumber > 255);
  if (tooLarge)
    return {
      ok: false,
      error: {
        code: 'UNSUPPORTED_SEG',
        message: `segment number ${tooLarge.segmentNumber} exceeds the 255 a labelmap holds`,
        file,
      },
    };
  const d = target.direction;
  const rowCosine: V3 = [d[0] ?? 0, d[1] ?? 0, d[2] ?? 0];
  const columnCosine: V3 = [d[3] ?? 0, d[4] ?? 0, d[5] ?? 0];
  const normal: V3 = [d[6] ?? 0, d[7] ?? 0, d[8] ?? 0];
  const warnings: string[] = [];
  const iop = seg.imageOrientationPatient;
  if (iop && iop.some((v, i) => Math.abs(v - (d[i] ?? 0)) > ORIENTATION_TOLERANCE))
    return mismatch(
      `SEG orientation ${iop.join('\\')} differs from the source's ${d.slice(0, 6).join('\\')}`,
      file,
    );
  const spacing = seg.pixelSpacing;
  const [columnSpacing, rowSpacing, sliceSpacing] = target.spacingMm;
  if (
    spacing &&
    (Math.abs(spacing[0] - rowSpacing) > 1e-3 * rowSpacing ||
      Math.abs(spacing[1] - columnSpacing) > 1e-3 * columnSpacing)
  )
    return mismatch(
      `SEG pixel spacing ${spacing.join('\\')} differs from the source's ${rowSpacing}\\${columnSpacing} mm`,
      file,
    );
  const sameFrame =
    seg.frameOfReferenceUid === null ||
    target.frameOfReferenceUid === null ||
    seg.frameOfReferenceUid === target.frameOfReferenceUid;

  const sliceOf = new Map<string, number>();
  target.slices.forEach((s, k) => sliceOf.set(`${s.sopInstanceUid}|${s.frameNumber}`, k));
  const sliceTolerance = Math.max(0.01, SLICE_TOLERANCE * sliceSpacing);
  const origin = target.originMm;

  /** Whether a frame at `p` lies on slice k (along the normal and in-plane). */
  const onSlice = (p: V3, k: number): boolean => {
    const along = dot(p, normal);
    if (Math.abs(along - (target.slicePositionsMm[k] ?? NaN)) > sliceTolerance) return false;
    const rel: V3 = [p[0] - origin[0], p[1] - origin[1], p[2] - origin[2]];
    return (
      Math.abs(dot(rel, rowCosine)) <= PIXEL_TOLERANCE * columnSpacing &&
      Math.abs(dot(rel, columnCosine)) <= PIXEL_TOLERANCE * rowSpacing
    );
  };

  const placed: Array<{ frame: number; k: number; segment: number | null }> = [];
  let framesByReference = 0;
  let framesByPosition = 0;
  for (const frame of seg.frames) {
    let k = -1;
    for (const ref of frame.sourceImages) {
      k = sliceOf.get(`${ref.sopInstanceUid}|${ref.frameNumber ?? 1}`) ?? -1;
      if (k >= 0) break;
    }
    const p = frame.imagePositionPatient;
    if (k >= 0) {
      if (p && !onSlice(p, k))
        return mismatch(
          `frame ${frame.index + 1} references slice ${k + 1} but its position ${p.join('\\')} lies elsewhere`,
          file,
        );
      framesByReference++;
    } else if (p && sameFrame) {
      k = sliceAt(target.slicePositionsMm, dot(p, normal), sliceTolerance);
      if (k < 0 || !onSlice(p, k))
        return mismatch(
          `frame ${frame.index + 1} at ${p.join('\\')} lies on no slice of the source series`,
          file,
        );
      framesByPosition++;
    } else {
      return mismatch(
        `frame ${frame.index + 1} references no source slice` +
          (p ? ' and the frames of reference differ' : ' and has no plane position'),
        file,
      );
    }
    placed.push({ frame: frame.index, k, segment: frame.segmentNumber });
  }

  const priorityOf = new Map(
    seg.segments.map((s) => [s.segmentNumber, options.priority?.(s) ?? 0]),
  );
  const rank = (segment: number | null): number => priorityOf.get(segment ?? 0) ?? 0;
  placed.sort((a, b) => rank(a.segment) - rank(b.segment) || (a.segment ?? 0) - (b.segment ?? 0));

  const plane = rows * columns;
  const voxels = plane * slices;
  if (options.labels && options.labels.length !== voxels)
    return {
      ok: false,
      error: {
        code: 'INVALID_ARGUMENT',
        message: `labels buffer holds ${options.labels.length} voxels, the grid ${voxels}`,
        file,
      },
    };
  const labels = options.labels ? options.labels.fill(0) : new Uint8Array(voxels);
  // Painted voxels per label value, and voxels of label a covered by label b at [a·256 + b].
  const painted = new Float64Array(256);
  const covered = new Float64Array(256 * 256);
  const bytes = seg.bytes;
  const base = seg.pixelData.byteOffset;
  const threshold = seg.maximumFractionalValue / 2;
  let duplicates = 0;
  const seen = new Set<string>();

  /** Sets one voxel to `value`, counting it and any label it covers. */
  const paint = (v: number, value: number): void => {
    const old = labels[v] as number;
    if (old === value) return;
    if (old !== 0) covered[old * 256 + value] = (covered[old * 256 + value] ?? 0) + 1;
    labels[v] = value;
    painted[value] = (painted[value] ?? 0) + 1;
  };
  for (const { frame, k, segment } of placed) {
    if (segment !== null) {
      const key = `${segment}|${k}`;
      if (seen.has(key)) duplicates++;
      seen.add(key);
    }
    const sliceOffset = k * plane;
    if (seg.segmentationType === 'BINARY') {
      const value = segment ?? 0;
      const startBit = frame * seg.binaryFrameStrideBits;
      const firstByte = startBit >> 3;
      const lastByte = (startBit + plane - 1) >> 3;
      for (let b = firstByte; b <= lastByte; b++) {
        const byte = bytes[base + b] as number;
        if (byte === 0) continue;
        const pixel0 = b * 8 - startBit;
        for (let bit = 0; bit < 8; bit++) {
          if ((byte & (1 << bit)) === 0) continue;
          const pixel = pixel0 + bit;
          if (pixel >= 0 && pixel < plane) paint(sliceOffset + pixel, value);
        }
      }
    } else {
      const start = base + frame * plane;
      const fractional = seg.segmentationType === 'FRACTIONAL';
      for (let pixel = 0; pixel < plane; pixel++) {
        const raw = bytes[start + pixel] as number;
        if (raw === 0) continue;
        if (!fractional) paint(sliceOffset + pixel, raw);
        else if (raw >= threshold) paint(sliceOffset + pixel, segment ?? 0);
      }
    }
  }
  if (seg.segmentationType === 'BINARY' && seg.binaryFrameStrideBits !== plane)
    warnings.push(
      'SEG frames are each padded to whole bytes (PS3.5 8.1.1 packs them back to back); read frame by frame',
    );
  if (duplicates > 0)
    warnings.push(`${duplicates} frame(s) repeat a segment on a slice already painted; merged`);
  const overlaps: SegmentOverlap[] = [];
  covered.forEach((voxelCount, at) => {
    if (voxelCount > 0) overlaps.push({ segmentNumber: at >> 8, coveredBy: at & 255, voxelCount });
  });
  const paintedVoxels = new Map<number, number>();
  painted.forEach((n, value) => {
    if (n > 0) paintedVoxels.set(value, n);
  });
  for (const o of overlaps)
    warnings.push(
      `segments overlap: ${o.voxelCount} voxel(s) of segment ${o.segmentNumber} are kept in segment ${o.coveredBy}`,
    );
  return {
    ok: true,
    value: {
      labels,
      segments: seg.segments,
      paintedVoxels,
      overlaps,
      framesByReference,
      framesByPosition,
      warnings,
    },
  };
}
