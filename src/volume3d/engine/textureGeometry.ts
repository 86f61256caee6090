import type { Mat3, Mat4, Vec3, VolumeGeometry } from './types';

/**
 * Patient-space vector of one source voxel step along each index axis (column, row, slice).
 * The slice step comes from the first and last ImagePositionPatient, so a series sorted
 * against its normal still points the right way.
 */
export function indexStepVectors(geometry: VolumeGeometry): readonly [Vec3, Vec3, Vec3] {
  const d = geometry.direction;
  const [sx, sy, sz] = geometry.spacing;
  const column: Vec3 = [(d[0] ?? 1) * sx, (d[1] ?? 0) * sx, (d[2] ?? 0) * sx];
  const row: Vec3 = [(d[3] ?? 0) * sy, (d[4] ?? 1) * sy, (d[5] ?? 0) * sy];
  const n = geometry.slicePositions.length;
  const first = geometry.slicePositions[0];
  const last = geometry.slicePositions[n - 1];
  const slice: Vec3 =
    n > 1 && first && last
      ? [
          (last[0] - first[0]) / (n - 1),
          (last[1] - first[1]) / (n - 1),
          (last[2] - first[2]) / (n - 1),
        ]
      : [(d[6] ?? 0) * sz, (d[7] ?? 0) * sz, (d[8] ?? 1) * sz];
  return [column, row, slice];
}

/**
 * Texture coordinates [0, 1]³ → patient mm, for a texture spanning `extent` source voxels
 * per axis: coordinate 0 is the outer face of voxel 0 (index −0.5), 1 is index extent − 0.5.
 */
export function textureToPatient(geometry: VolumeGeometry, extent: Vec3): Mat4 {
  const steps = indexStepVectors(geometry);
  const origin = geometry.slicePositions[0] ?? [0, 0, 0];
  const m: number[] = new Array<number>(16).fill(0);
  for (let a = 0; a < 3; a++) {
    const step = steps[a]!;
    for (let r = 0; r < 3; r++) m[a * 4 + r] = step[r]! * extent[a]!;
  }
  for (let r = 0; r < 3; r++) {
    m[12 + r] = origin[r]! - 0.5 * (steps[0][r]! + steps[1][r]! + steps[2][r]!);
  }
  m[15] = 1;
  return m;
}

/** The upper-left 3×3 of an affine 4×4, column-major. */
export function linearPart(m: Mat4): Mat3 {
  return [m[0]!, m[1]!, m[2]!, m[4]!, m[5]!, m[6]!, m[8]!, m[9]!, m[10]!];
}

/** Inverse of a 3×3 (column-major); throws a RangeError for a singular matrix. */
export function invert3(m: Mat3): Mat3 {
  const [a, b, c, d, e, f, g, h, i] = m as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Column-major: columns (a b c), (d e f), (g h i).
  const A = e * i - f * h;
  const B = -(b * i - c * h);
  const C = b * f - c * e;
  const det = a * A + d * B + g * C;
  if (Math.abs(det) < 1e-12) throw new RangeError('singular volume geometry');
  const s = 1 / det;
  return [
    A * s,
    B * s,
    C * s,
    -(d * i - f * g) * s,
    (a * i - c * g) * s,
    -(a * f - c * d) * s,
    (d * h - e * g) * s,
    -(a * h - b * g) * s,
    (a * e - b * d) * s,
  ];
}

export function transpose3(m: Mat3): Mat3 {
  return [m[0]!, m[3]!, m[6]!, m[1]!, m[4]!, m[7]!, m[2]!, m[5]!, m[8]!];
}

/** Inverse of an affine 4×4 (column-major). */
export function invertAffine(m: Mat4): Mat4 {
  const inv = invert3(linearPart(m));
  const t = [m[12]!, m[13]!, m[14]!];
  const out: number[] = new Array<number>(16).fill(0);
  for (let col = 0; col < 3; col++)
    for (let r = 0; r < 3; r++) out[col * 4 + r] = inv[col * 3 + r]!;
  for (let r = 0; r < 3; r++) {
    out[12 + r] = -(inv[r]! * t[0]! + inv[3 + r]! * t[1]! + inv[6 + r]! * t[2]!);
  }
  out[15] = 1;
  return out;
}

export function transformPoint(m: Mat4, p: Vec3): Vec3 {
  return [
    m[0]! * p[0] + m[4]! * p[1] + m[8]! * p[2] + m[12]!,
    m[1]! * p[0] + m[5]! * p[1] + m[9]! * p[2] + m[13]!,
    m[2]! * p[0] + m[6]! * p[1] + m[10]! * p[2] + m[14]!,
  ];
}

/**
 * Maps a gradient taken along grid index axes whose steps are `steps[a]·factors[a]` to a
 * patient-space normal direction: the inverse transpose of that linear map.
 */
export function gradientToPatient(steps: readonly [Vec3, Vec3, Vec3], factors: Vec3): Mat3 {
  const linear: Mat3 = [0, 1, 2].flatMap((a) => steps[a]!.map((v) => v * factors[a]!));
  return transpose3(invert3(linear));
}

/** Centre and radius of the sphere through the texture box's corners (patient mm). */
export function boundingSphere(textureToWorld: Mat4): { centre: Vec3; radiusMm: number } {
  const centre = transformPoint(textureToWorld, [0.5, 0.5, 0.5]);
  let radiusMm = 0;
  for (const corner of [0, 1, 2, 3, 4, 5, 6, 7]) {
    const p = transformPoint(textureToWorld, [corner & 1, (corner >> 1) & 1, (corner >> 2) & 1]);
    radiusMm = Math.max(radiusMm, Math.hypot(p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]));
  }
  return { centre, radiusMm };
}
