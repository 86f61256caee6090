/**
 * Rasterises the analytic phantom onto image planes. Shapes are ellipsoids (optionally rotated
 * about the patient z axis) and tapered tubes (a segment with a radius at each end). Each shape
 * paints a tissue value with a soft edge: a linear ramp `edgeMm` wide centred on the shape's
 * surface, so the alpha = 0.5 iso-surface is exactly the recorded ellipsoid / tube. Shapes are
 * painted in order (painter's algorithm): value ← value + (tissue − value) · alpha.
 *
 * Planes must be axis-aligned (axial, coronal or sagittal), which is what the sample series use;
 * a shape's clip box is then exact at pixel-centre resolution.
 */

export type Vec3 = [number, number, number];

export interface EllipsoidShape {
  kind: 'ellipsoid';
  centre: Vec3;
  radii: Vec3;
  /** Rotation of the ellipsoid's local axes about patient +z, degrees (x towards y). */
  rotZDeg?: number;
}

export interface TubeShape {
  kind: 'tube';
  a: Vec3;
  b: Vec3;
  /** Radius at a and at b (linear in between; ends are rounded). */
  ra: number;
  rb: number;
}

export type Shape = EllipsoidShape | TubeShape;

export interface Primitive<T extends string = string> {
  name: string;
  tissue: T;
  shape: Shape;
  /** Width of the soft edge in mm (0 = hard edge). */
  edgeMm: number;
  /** Axis-aligned box outside which the shape does not paint (patient mm). */
  clip?: { min?: Partial<Record<0 | 1 | 2, number>>; max?: Partial<Record<0 | 1 | 2, number>> };
}

/** An image plane: pixel (row r, column c) centre = origin + c·colSpacing·rowDir + r·rowSpacing·colDir. */
export interface Plane {
  rows: number;
  columns: number;
  origin: Vec3;
  /** Direction of increasing column index (first IOP triplet). */
  rowDir: Vec3;
  /** Direction of increasing row index (second IOP triplet). */
  colDir: Vec3;
  /** PixelSpacing[0]: distance between adjacent rows. */
  rowSpacing: number;
  /** PixelSpacing[1]: distance between adjacent columns. */
  colSpacing: number;
}

interface Box {
  min: Vec3;
  max: Vec3;
}

function shapeBox(p: Primitive): Box {
  const s = p.shape;
  const pad = p.edgeMm / 2;
  let box: Box;
  if (s.kind === 'ellipsoid') {
    const t = ((s.rotZDeg ?? 0) * Math.PI) / 180;
    const c = Math.cos(t);
    const sn = Math.sin(t);
    const [rx, ry, rz] = s.radii;
    const e: Vec3 = [
      Math.hypot(c * rx, sn * ry) + pad,
      Math.hypot(sn * rx, c * ry) + pad,
      rz + pad,
    ];
    box = {
      min: [s.centre[0] - e[0], s.centre[1] - e[1], s.centre[2] - e[2]],
      max: [s.centre[0] + e[0], s.centre[1] + e[1], s.centre[2] + e[2]],
    };
  } else {
    const r = Math.max(s.ra, s.rb) + pad;
    box = {
      min: [
        Math.min(s.a[0], s.b[0]) - r,
        Math.min(s.a[1], s.b[1]) - r,
        Math.min(s.a[2], s.b[2]) - r,
      ],
      max: [
        Math.max(s.a[0], s.b[0]) + r,
        Math.max(s.a[1], s.b[1]) + r,
        Math.max(s.a[2], s.b[2]) + r,
      ],
    };
  }
  for (const axis of [0, 1, 2] as const) {
    const lo = p.clip?.min?.[axis];
    const hi = p.clip?.max?.[axis];
    if (lo !== undefined) box.min[axis] = Math.max(box.min[axis], lo);
    if (hi !== undefined) box.max[axis] = Math.min(box.max[axis], hi);
  }
  return box;
}

/** Alpha (0..1) of one primitive at a patient point; the same maths as the raster loops. */
export function alphaAt(p: Primitive, x: number, y: number, z: number): number {
  const box = shapeBox(p);
  if (
    x < box.min[0] ||
    x > box.max[0] ||
    y < box.min[1] ||
    y > box.max[1] ||
    z < box.min[2] ||
    z > box.max[2]
  ) {
    return 0;
  }
  const s = p.shape;
  if (s.kind === 'ellipsoid') {
    const t = ((s.rotZDeg ?? 0) * Math.PI) / 180;
    const c = Math.cos(t);
    const sn = Math.sin(t);
    const dx = x - s.centre[0];
    const dy = y - s.centre[1];
    const lx = (c * dx + sn * dy) / s.radii[0];
    const ly = (-sn * dx + c * dy) / s.radii[1];
    const lz = (z - s.centre[2]) / s.radii[2];
    return ellipsoidAlpha(lx * lx + ly * ly + lz * lz, Math.min(...s.radii), p.edgeMm);
  }
  return tubeAlpha(s, x, y, z, p.edgeMm);
}

function ellipsoidAlpha(q: number, rMin: number, edge: number): number {
  if (edge <= 0) return q <= 1 ? 1 : 0;
  const a = 0.5 - ((Math.sqrt(q) - 1) * rMin) / edge;
  return a <= 0 ? 0 : a >= 1 ? 1 : a;
}

function tubeAlpha(s: TubeShape, x: number, y: number, z: number, edge: number): number {
  const abx = s.b[0] - s.a[0];
  const aby = s.b[1] - s.a[1];
  const abz = s.b[2] - s.a[2];
  const len2 = abx * abx + aby * aby + abz * abz || 1e-12;
  const wx = x - s.a[0];
  const wy = y - s.a[1];
  const wz = z - s.a[2];
  let t = (wx * abx + wy * aby + wz * abz) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const dx = wx - t * abx;
  const dy = wy - t * aby;
  const dz = wz - t * abz;
  const d = Math.sqrt(dx * dx + dy * dy + dz * dz) - (s.ra + (s.rb - s.ra) * t);
  if (edge <= 0) return d <= 0 ? 1 : 0;
  const a = 0.5 - d / edge;
  return a <= 0 ? 0 : a >= 1 ? 1 : a;
}

function axisOf(v: Vec3): { axis: 0 | 1 | 2; sign: number } {
  for (const axis of [0, 1, 2] as const) {
    const c = v[axis];
    if (Math.abs(Math.abs(c) - 1) < 1e-9) return { axis, sign: Math.sign(c) };
  }
  throw new Error(`raster: plane direction ${v.join(',')} is not axis-aligned`);
}

/** Index range [lo, hi] of samples origin + i·step·sign that fall inside [min, max]. */
function indexRange(
  origin: number,
  step: number,
  sign: number,
  min: number,
  max: number,
  n: number,
): [number, number] {
  let a = (min - origin) / (step * sign);
  let b = (max - origin) / (step * sign);
  if (a > b) [a, b] = [b, a];
  return [Math.max(0, Math.ceil(a - 1e-9)), Math.min(n - 1, Math.floor(b + 1e-9))];
}

/** Paints `primitives` (in order) onto `buf` (rows × columns, row-major) with `valueOf(tissue)`. */
export function paintPlane<T extends string>(
  plane: Plane,
  buf: Float32Array,
  primitives: readonly Primitive<T>[],
  valueOf: (tissue: T) => number,
): void {
  const u = axisOf(plane.rowDir);
  const v = axisOf(plane.colDir);
  const normalAxis = (3 - u.axis - v.axis) as 0 | 1 | 2;
  if (u.axis === v.axis) throw new Error('raster: rowDir and colDir must differ');
  const fixed = plane.origin[normalAxis];
  const du: Vec3 = [0, 0, 0];
  const dv: Vec3 = [0, 0, 0];
  du[u.axis] = u.sign * plane.colSpacing;
  dv[v.axis] = v.sign * plane.rowSpacing;
  for (const prim of primitives) {
    const box = shapeBox(prim);
    if (fixed < box.min[normalAxis] || fixed > box.max[normalAxis]) continue;
    const [c0, c1] = indexRange(
      plane.origin[u.axis],
      plane.colSpacing,
      u.sign,
      box.min[u.axis],
      box.max[u.axis],
      plane.columns,
    );
    const [r0, r1] = indexRange(
      plane.origin[v.axis],
      plane.rowSpacing,
      v.sign,
      box.min[v.axis],
      box.max[v.axis],
      plane.rows,
    );
    if (c0 > c1 || r0 > r1) continue;
    const value = valueOf(prim.tissue);
    const s = prim.shape;
    if (s.kind === 'ellipsoid')
      paintEllipsoid(plane, buf, s, prim.edgeMm, value, du, dv, r0, r1, c0, c1);
    else paintTube(plane, buf, s, prim.edgeMm, value, du, dv, r0, r1, c0, c1);
  }
}

function paintEllipsoid(
  plane: Plane,
  buf: Float32Array,
  s: EllipsoidShape,
  edge: number,
  value: number,
  du: Vec3,
  dv: Vec3,
  r0: number,
  r1: number,
  c0: number,
  c1: number,
): void {
  const t = ((s.rotZDeg ?? 0) * Math.PI) / 180;
  const c = Math.cos(t);
  const sn = Math.sin(t);
  const [rx, ry, rz] = s.radii;
  // Normalised local coordinates are affine in (row, column): q = q0 + col·qc + row·qr.
  const local = (dx: number, dy: number, dz: number): Vec3 => [
    (c * dx + sn * dy) / rx,
    (-sn * dx + c * dy) / ry,
    dz / rz,
  ];
  const o = plane.origin;
  const q0 = local(o[0] - s.centre[0], o[1] - s.centre[1], o[2] - s.centre[2]);
  const qc = local(du[0], du[1], du[2]);
  const qr = local(dv[0], dv[1], dv[2]);
  const rMin = Math.min(rx, ry, rz);
  const k = edge > 0 ? rMin / edge : 0;
  const inner = edge > 0 ? Math.max(0, 1 - 0.5 / k) ** 2 : 1;
  const outer = edge > 0 ? (1 + 0.5 / k) ** 2 : 1;
  const cols = plane.columns;
  for (let r = r0; r <= r1; r++) {
    let x = q0[0] + r * qr[0] + c0 * qc[0];
    let y = q0[1] + r * qr[1] + c0 * qc[1];
    let z = q0[2] + r * qr[2] + c0 * qc[2];
    let i = r * cols + c0;
    for (let col = c0; col <= c1; col++, i++, x += qc[0], y += qc[1], z += qc[2]) {
      const q = x * x + y * y + z * z;
      if (q > outer) continue;
      if (q <= inner) {
        buf[i] = value;
        continue;
      }
      if (edge <= 0) continue;
      const a = 0.5 - (Math.sqrt(q) - 1) * k;
      if (a <= 0) continue;
      const old = buf[i] as number;
      buf[i] = old + (value - old) * (a >= 1 ? 1 : a);
    }
  }
}

function paintTube(
  plane: Plane,
  buf: Float32Array,
  s: TubeShape,
  edge: number,
  value: number,
  du: Vec3,
  dv: Vec3,
  r0: number,
  r1: number,
  c0: number,
  c1: number,
): void {
  const o = plane.origin;
  const cols = plane.columns;
  for (let r = r0; r <= r1; r++) {
    let i = r * cols + c0;
    for (let col = c0; col <= c1; col++, i++) {
      const a = tubeAlpha(
        s,
        o[0] + col * du[0] + r * dv[0],
        o[1] + col * du[1] + r * dv[1],
        o[2] + col * du[2] + r * dv[2],
        edge,
      );
      if (a <= 0) continue;
      const old = buf[i] as number;
      buf[i] = old + (value - old) * a;
    }
  }
}
