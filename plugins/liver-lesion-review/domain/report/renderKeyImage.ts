import type { VolumeGrid } from '../quantify/types';
import { ReportError } from './ReportError';

/** CT key images use the abdomen window (centre 40 HU, width 400 HU), as the viewer's preset. */
export const CT_ABDOMEN_WINDOW = { center: 40, width: 400 } as const;
/** MR has no calibrated units: the window spans these percentiles of the slice's values. */
export const MR_WINDOW_PERCENTILES = [0.01, 0.99] as const;
const DEFAULT_MARGIN_MM = 15;
const DEFAULT_SIZE_PX = 192;
// Round scale-bar lengths, longest first; the bar takes at most 30 % of the image width.
const SCALE_BAR_LENGTHS_MM = [200, 100, 50, 20, 10, 5, 2, 1];
const SCALE_BAR_MAX_FRACTION = 0.3;
const SCALE_BAR_MIN_IMAGE_PX = 32;

export interface KeyImageInput {
  readonly grid: VolumeGrid;
  /** Modality values (HU on CT), x fastest. */
  readonly image: ArrayLike<number>;
  /** Segment index per voxel, x fastest. */
  readonly labels: ArrayLike<number>;
  readonly segmentIndex: number;
  /** Outline colour, 0–255 RGB. */
  readonly color: readonly [number, number, number];
  /** Slice (k) to show, e.g. the one of the lesion's longest axial diameter; null: the slice where the segment is largest. */
  readonly slice: number | null;
  readonly modality: string;
  /** Overrides the window (default: abdomen on CT, 1st–99th percentile on other modalities). */
  readonly window?: { readonly center: number; readonly width: number };
  /** Space kept around the lesion on each side (mm). */
  readonly marginMm?: number;
  /** Size of one output pixel (mm); default: the crop's side spread over `sizePx` pixels. */
  readonly outputPixelMm?: number;
  readonly sizePx?: number;
  /** Width of the outline in output pixels (default 1): inside pixels this close to the outside. */
  readonly outlinePx?: number;
  readonly scaleBar?: boolean;
}

export interface KeyImage {
  /** Square: width = height. */
  readonly width: number;
  readonly height: number;
  /** RGBA, row by row from the top left, alpha 255. */
  readonly rgba: Uint8ClampedArray;
  readonly slice: number;
  /** Size of one output pixel in mm, the same along both axes (non-square voxels are resampled). */
  readonly pixelMm: number;
  /** Modality values mapped to black and white. */
  readonly window: { readonly lower: number; readonly upper: number };
  /** Index (i, j) of the voxel at the centre of the top-left output pixel, before any flip. */
  readonly firstVoxel: readonly [number, number];
  /** Whether the image was mirrored to put patient left on the right and anterior/superior up. */
  readonly flipped: { readonly horizontal: boolean; readonly vertical: boolean };
  /** A white bar of `lengthMm` at the bottom left; null on images too small for one. */
  readonly scaleBar: {
    readonly lengthMm: number;
    readonly lengthPx: number;
    readonly x: number;
    readonly y: number;
    readonly thicknessPx: number;
  } | null;
  /** Output pixels drawn in the segment's colour. */
  readonly outlinePixels: number;
}

/** Modality value → grey level: linear between `lower` (black) and `upper` (white). */
export function windowToGrey(value: number, lower: number, upper: number): number {
  const width = upper > lower ? upper - lower : 1;
  const t = (value - lower) / width;
  return t <= 0 ? 0 : t >= 1 ? 255 : Math.round(t * 255);
}

/** Nearest-rank percentile (q in 0–1) of a list of values. */
export function percentileOf(values: ArrayLike<number>, q: number): number {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))]!;
}

// Radiological display (patient left on screen right): screen right and down follow patient
// +x (left) and +y (posterior) for axial slices, and −z (feet) for coronal and sagittal ones.
const SCREEN_SIGN_OF_AXIS = [1, 1, -1];

function needsFlip(cosine: readonly number[]): boolean {
  let axis = 0;
  for (let a = 1; a < 3; a++) if (Math.abs(cosine[a]!) > Math.abs(cosine[axis]!)) axis = a;
  return Math.sign(cosine[axis]!) !== SCREEN_SIGN_OF_AXIS[axis];
}

function largestSlice(labels: ArrayLike<number>, segment: number, grid: VolumeGrid): number {
  const [nx, ny, nz] = grid.dimensions;
  let best = -1;
  let bestCount = 0;
  for (let k = 0; k < nz; k++) {
    let count = 0;
    const base = k * nx * ny;
    for (let n = 0; n < nx * ny; n++) if (labels[base + n] === segment) count++;
    if (count > bestCount) [best, bestCount] = [k, count];
  }
  if (best < 0) throw new ReportError('SEGMENT_NOT_ON_SLICE', `Segment ${segment} has no voxels.`);
  return best;
}

/**
 * A key image of a lesion: its slice cropped around it with a margin, windowed to grey,
 * resampled to square pixels, the segment's border drawn in its colour and a scale bar in mm.
 * Pure: the caller turns the RGBA into a PNG.
 */
export function renderKeyImage(input: KeyImageInput): KeyImage {
  const { grid, image, labels, segmentIndex: segment } = input;
  const [nx, ny, nz] = grid.dimensions;
  const [sx, sy] = grid.spacingMm;
  const voxels = nx * ny * nz;
  if (image.length !== voxels || labels.length !== voxels)
    throw new ReportError(
      'SIZE_MISMATCH',
      `Image (${image.length}) and labels (${labels.length}) must both hold ${voxels} voxels.`,
    );
  const k = input.slice ?? largestSlice(labels, segment, grid);
  if (!Number.isInteger(k) || k < 0 || k >= nz)
    throw new ReportError('SLICE_OUT_OF_RANGE', `Slice ${k} is not in 0–${nz - 1}.`);
  const base = k * nx * ny;

  let [iMin, iMax, jMin, jMax] = [nx, -1, ny, -1];
  for (let j = 0; j < ny; j++)
    for (let i = 0; i < nx; i++)
      if (labels[base + j * nx + i] === segment) {
        if (i < iMin) iMin = i;
        if (i > iMax) iMax = i;
        if (j < jMin) jMin = j;
        if (j > jMax) jMax = j;
      }
  if (iMax < 0)
    throw new ReportError('SEGMENT_NOT_ON_SLICE', `Segment ${segment} is not on slice ${k}.`);

  let lower: number;
  let upper: number;
  if (input.window) {
    lower = input.window.center - input.window.width / 2;
    upper = input.window.center + input.window.width / 2;
  } else if (input.modality === 'CT') {
    lower = CT_ABDOMEN_WINDOW.center - CT_ABDOMEN_WINDOW.width / 2;
    upper = CT_ABDOMEN_WINDOW.center + CT_ABDOMEN_WINDOW.width / 2;
  } else {
    const slice = Array.prototype.slice.call(image, base, base + nx * ny) as number[];
    lower = percentileOf(slice, MR_WINDOW_PERCENTILES[0]);
    upper = percentileOf(slice, MR_WINDOW_PERCENTILES[1]);
  }

  // A square crop (mm) centred on the lesion's box on this slice.
  const margin = input.marginMm ?? DEFAULT_MARGIN_MM;
  const side = Math.max((iMax - iMin + 1) * sx, (jMax - jMin + 1) * sy) + 2 * margin;
  const pixelMm = input.outputPixelMm ?? side / (input.sizePx ?? DEFAULT_SIZE_PX);
  const n = Math.max(1, Math.round(side / pixelMm));
  const x0 = ((iMin + iMax) / 2) * sx - (n * pixelMm) / 2;
  const y0 = ((jMin + jMax) / 2) * sy - (n * pixelMm) / 2;
  // Voxel i covers [i − ½, i + ½) · spacing: nearest neighbour keeps the labels crisp.
  const column = (u: number): number => Math.floor((x0 + (u + 0.5) * pixelMm) / sx + 0.5);
  const row = (v: number): number => Math.floor((y0 + (v + 0.5) * pixelMm) / sy + 0.5);
  const dir = grid.direction;
  const flipped = {
    horizontal: needsFlip([dir[0]!, dir[1]!, dir[2]!]),
    vertical: needsFlip([dir[3]!, dir[4]!, dir[5]!]),
  };

  const grey = new Uint8Array(n * n);
  const inside = new Uint8Array(n * n);
  for (let v = 0; v < n; v++) {
    const j = row(flipped.vertical ? n - 1 - v : v);
    for (let u = 0; u < n; u++) {
      const i = column(flipped.horizontal ? n - 1 - u : u);
      if (i < 0 || i >= nx || j < 0 || j >= ny) continue;
      const at = base + j * nx + i;
      grey[v * n + u] = windowToGrey(image[at]!, lower, upper);
      inside[v * n + u] = labels[at] === segment ? 1 : 0;
    }
  }

  const rgba = new Uint8ClampedArray(n * n * 4);
  let outlinePixels = 0;
  const isInside = (u: number, v: number): boolean =>
    u >= 0 && u < n && v >= 0 && v < n && inside[v * n + u] === 1;
  // An inside pixel is on the outline when an outside pixel lies within `width` steps
  // (Manhattan distance): width 1 is the 4-connected border.
  const width = Math.max(1, Math.round(input.outlinePx ?? 1));
  const nearOutside = (u: number, v: number): boolean => {
    for (let dv = -width; dv <= width; dv++)
      for (let du = Math.abs(dv) - width; du <= width - Math.abs(dv); du++)
        if (!isInside(u + du, v + dv)) return true;
    return false;
  };
  for (let v = 0; v < n; v++)
    for (let u = 0; u < n; u++) {
      const p = v * n + u;
      if (inside[p] === 1 && nearOutside(u, v)) {
        rgba.set([input.color[0], input.color[1], input.color[2], 255], p * 4);
        outlinePixels++;
      } else rgba.set([grey[p]!, grey[p]!, grey[p]!, 255], p * 4);
    }

  const scaleBar = input.scaleBar === false ? null : drawScaleBar(rgba, n, pixelMm);
  return {
    width: n,
    height: n,
    rgba,
    slice: k,
    pixelMm,
    window: { lower, upper },
    firstVoxel: [column(0), row(0)],
    flipped,
    scaleBar,
    outlinePixels,
  };
}

/** A white bar with a black rim at the bottom left: the longest round length ≤ 30 % of the width. */
function drawScaleBar(rgba: Uint8ClampedArray, n: number, pixelMm: number): KeyImage['scaleBar'] {
  if (n < SCALE_BAR_MIN_IMAGE_PX) return null;
  const lengthMm = SCALE_BAR_LENGTHS_MM.find((mm) => mm / pixelMm <= n * SCALE_BAR_MAX_FRACTION);
  if (lengthMm === undefined) return null;
  const lengthPx = Math.round(lengthMm / pixelMm);
  const thicknessPx = Math.max(2, Math.round(n / 64));
  const x = Math.max(2, Math.round(n * 0.04));
  const y = n - x - thicknessPx;
  const fill = (x1: number, y1: number, w: number, h: number, value: number): void => {
    for (let v = Math.max(0, y1); v < Math.min(n, y1 + h); v++)
      for (let u = Math.max(0, x1); u < Math.min(n, x1 + w); u++)
        rgba.set([value, value, value, 255], (v * n + u) * 4);
  };
  fill(x - 1, y - 1, lengthPx + 2, thicknessPx + 2, 0);
  fill(x, y, lengthPx, thicknessPx, 255);
  return { lengthMm, lengthPx, x, y, thicknessPx };
}
