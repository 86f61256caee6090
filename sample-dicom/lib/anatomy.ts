/**
 * The abdomen phantom: ordered primitives in DICOM patient coordinates (LPS, mm: +x patient left,
 * +y posterior, +z head). Painted in order over air. The body is an elliptic cylinder along z;
 * everything else is ellipsoids and tubes. Lesions are added per date (see patient.ts).
 */
import type { Primitive, Vec3 } from './raster.ts';
import type { Tissue } from './tissues.ts';

export type Part = Primitive<Tissue>;

const LONG = 10_000; // "infinite" half-length for cylinders along z

function ell(
  name: string,
  tissue: Tissue,
  centre: Vec3,
  radii: Vec3,
  edgeMm = 1,
  rotZDeg = 0,
  clip?: Part['clip'],
): Part {
  const shape = rotZDeg
    ? { kind: 'ellipsoid' as const, centre, radii, rotZDeg }
    : { kind: 'ellipsoid' as const, centre, radii };
  return clip ? { name, tissue, shape, edgeMm, clip } : { name, tissue, shape, edgeMm };
}

function cyl(
  name: string,
  tissue: Tissue,
  x: number,
  y: number,
  rx: number,
  ry: number,
  edgeMm = 1,
  zMin?: number,
  zMax?: number,
): Part {
  const clip: NonNullable<Part['clip']> = {};
  if (zMin !== undefined) clip.min = { 2: zMin };
  if (zMax !== undefined) clip.max = { 2: zMax };
  return ell(
    name,
    tissue,
    [x, y, 0],
    [rx, ry, LONG],
    edgeMm,
    0,
    zMin !== undefined || zMax !== undefined ? clip : undefined,
  );
}

function tube(
  name: string,
  tissue: Tissue,
  a: Vec3,
  b: Vec3,
  ra: number,
  rb = ra,
  edgeMm = 0.8,
): Part {
  return { name, tissue, shape: { kind: 'tube', a, b, ra, rb }, edgeMm };
}

/** Polyline tube: consecutive points with a radius at each point. */
function path(name: string, tissue: Tissue, pts: [Vec3, number][], edgeMm = 0.8): Part[] {
  const out: Part[] = [];
  for (let i = 1; i < pts.length; i++) {
    const p = pts[i - 1];
    const q = pts[i];
    if (p && q) out.push(tube(`${name}.${i}`, tissue, p[0], q[0], p[1], q[1], edgeMm));
  }
  return out;
}

function spine(): Part[] {
  const parts: Part[] = [
    cyl('paraspinal.right', 'muscle', -32, 76, 21, 16),
    cyl('paraspinal.left', 'muscle', 32, 76, 21, 16),
    cyl('psoas.right', 'muscle', -25, 38, 11, 11, 1, -LONG, -125),
    cyl('psoas.left', 'muscle', 25, 38, 11, 11, 1, -LONG, -125),
    cyl('vertebra.cortex', 'boneCortical', 0, 50, 17, 16),
    cyl('vertebra.body', 'boneCancellous', 0, 50, 14.5, 13.5),
  ];
  for (let k = 0; k < 10; k++) {
    const z = 5 - 34 * k;
    parts.push(ell(`disc.${k + 1}`, 'disc', [0, 50, z], [17.5, 16.5, 4]));
  }
  parts.push(
    cyl('vertebra.arch', 'boneCortical', 0, 78, 13, 11),
    cyl('spinalCanal', 'csf', 0, 77, 8, 7),
  );
  // Spinous processes: short oblique tubes, one per 5 mm of height.
  for (let z = 10; z >= -270; z -= 5)
    parts.push(tube(`spinous.${z}`, 'boneCortical', [0, 88, z], [0, 99, z - 5], 3.2));
  return parts;
}

function ribs(): Part[] {
  // Lower ribs: arcs just inside the muscle wall, sloping down anteriorly, above z = -150.
  const parts: Part[] = [];
  for (let k = 0; k < 5; k++) {
    const zBack = -10 - 26 * k;
    for (const side of [-1, 1]) {
      const pts: [Vec3, number][] = [];
      for (let a = 100; a >= -60; a -= 20) {
        const t = (a * Math.PI) / 180; // 90° = posterior, 0° = lateral, negative = anterior
        pts.push([[side * 128 * Math.cos(t), 88 * Math.sin(t), zBack - 0.35 * (100 - a)], 3.5]);
      }
      parts.push(...path(`rib.${k + 7}.${side < 0 ? 'right' : 'left'}`, 'boneCortical', pts, 1));
    }
  }
  return parts;
}

function bowel(): Part[] {
  const parts: Part[] = [
    // Colon: ascending (right), transverse, descending (left) with gas.
    ...path('colon.wall', 'bowel', [
      [[-95, 15, -270], 19],
      [[-97, 5, -190], 19],
      [[-90, -45, -168], 18],
      [[0, -62, -172], 17],
      [[88, -45, -160], 18],
      [[97, 18, -200], 18],
      [[95, 20, -270], 18],
    ]),
    ...path('colon.gas', 'air', [
      [[-95, 12, -265], 13],
      [[-97, 2, -192], 13],
      [[-90, -48, -170], 12],
      [[0, -64, -174], 11],
      [[88, -48, -162], 12],
      [[96, 15, -200], 12],
      [[95, 18, -265], 12],
    ]),
    ...path('duodenum', 'bowel', [
      [[45, -20, -130], 11],
      [[-5, -15, -148], 11],
      [[-40, 5, -158], 12],
      [[-22, 22, -182], 12],
      [[25, 20, -186], 11],
    ]),
  ];
  // Small-bowel loops in the lower abdomen (fixed positions: deterministic and non-overlapping).
  const loops: [number, number, number][] = [
    [-45, -35, -205],
    [0, -40, -215],
    [45, -35, -205],
    [-55, 0, -235],
    [0, -10, -240],
    [50, 0, -230],
    [-30, -55, -245],
    [30, -55, -250],
    [-20, 5, -205],
    [25, 10, -210],
  ];
  loops.forEach(([x, y, z], i) => {
    parts.push(ell(`smallBowel.${i + 1}`, 'bowel', [x, y, z], [16, 13, 14], 1, 30 * i));
  });
  return parts;
}

function vessels(): Part[] {
  return [
    // Portal venous system: trunk → hilum → right (anterior/posterior) and left branches.
    ...path('portalVein.main', 'portalVein', [
      [[5, 16, -138], 7.5],
      [[-28, 8, -108], 7],
    ]),
    ...path('portalVein.right', 'portalVein', [
      [[-28, 8, -108], 6],
      [[-62, 10, -102], 5],
    ]),
    ...path('portalVein.rightAnterior', 'portalVein', [
      [[-62, 10, -102], 3.8],
      [[-72, -28, -86], 2.5],
    ]),
    ...path('portalVein.rightPosterior', 'portalVein', [
      [[-62, 10, -102], 3.8],
      [[-95, 28, -112], 2.4],
    ]),
    ...path('portalVein.left', 'portalVein', [
      [[-28, 8, -108], 4.8],
      [[0, -22, -96], 4.2],
      [[28, -42, -90], 3.4],
    ]),
    ...path('portalVein.seg2', 'portalVein', [
      [[28, -42, -90], 2.8],
      [[46, -36, -72], 1.8],
    ]),
    ...path('portalVein.seg3', 'portalVein', [
      [[28, -42, -90], 2.8],
      [[44, -54, -106], 1.8],
    ]),
    // Hepatic veins converging on the IVC below the right atrium.
    ...path('hepaticVein.right', 'hepaticVein', [
      [[-108, 8, -84], 2.6],
      [[-30, 20, -44], 6],
    ]),
    ...path('hepaticVein.middle', 'hepaticVein', [
      [[-50, -48, -118], 2.4],
      [[-24, 10, -46], 5],
    ]),
    ...path('hepaticVein.left', 'hepaticVein', [
      [[40, -44, -64], 2.4],
      [[-16, 12, -46], 4.5],
    ]),
    cyl('ivc', 'ivc', -22, 22, 11, 10, 1, -LONG, -40),
  ];
}

export interface BiliaryTree {
  parts: Part[];
  /** Centre line of the common hepatic duct (confluence → cystic-duct junction). */
  confluence: Vec3;
  cysticJunction: Vec3;
  /** Missing stretch of the common hepatic duct, as fractions along confluence → junction. */
  gap: [number, number];
}

/** Biliary tree with dilated, unevenly calibrated intrahepatic ducts above a hilar interruption. */
export function biliaryTree(): BiliaryTree {
  const C: Vec3 = [-24, -4, -98];
  const CJ: Vec3 = [-26, 4, -124];
  const gap: [number, number] = [0.25, 0.75];
  const at = (t: number): Vec3 => [
    C[0] + (CJ[0] - C[0]) * t,
    C[1] + (CJ[1] - C[1]) * t,
    C[2] + (CJ[2] - C[2]) * t,
  ];
  const RH: Vec3 = [-48, -2, -95];
  const LH: Vec3 = [-2, -20, -92];
  const parts: Part[] = [
    // Intrahepatic ducts: dilated (3–4 mm radius near the hilum) with beaded, uneven calibre.
    ...path('duct.rightHepatic', 'bileDuct', [
      [C, 3.8],
      [RH, 3.6],
    ]),
    ...path('duct.rightAnterior', 'bileDuct', [
      [RH, 3.2],
      [[-58, -16, -88], 2.4],
      [[-66, -30, -80], 3.0],
      [[-80, -45, -70], 1.5],
    ]),
    ...path('duct.seg5', 'bileDuct', [
      [[-66, -30, -80], 2.2],
      [[-69, -34, -96], 2.8],
      [[-72, -38, -112], 1.4],
    ]),
    ...path('duct.rightPosterior', 'bileDuct', [
      [RH, 3.2],
      [[-66, 6, -98], 2.3],
      [[-80, 12, -100], 2.9],
      [[-104, 20, -108], 1.5],
    ]),
    ...path('duct.seg7', 'bileDuct', [
      [[-80, 12, -100], 2.2],
      [[-90, 16, -86], 2.7],
      [[-98, 19, -72], 1.4],
    ]),
    ...path('duct.leftHepatic', 'bileDuct', [
      [C, 3.8],
      [LH, 3.4],
    ]),
    ...path('duct.umbilical', 'bileDuct', [
      [LH, 3.0],
      [[12, -28, -89], 2.2],
      [[26, -36, -86], 2.8],
    ]),
    ...path('duct.seg2', 'bileDuct', [
      [[26, -36, -86], 2.3],
      [[35, -34, -78], 2.8],
      [[44, -32, -70], 1.3],
    ]),
    ...path('duct.seg3', 'bileDuct', [
      [[26, -36, -86], 2.3],
      [[34, -41, -95], 2.7],
      [[42, -46, -104], 1.3],
    ]),
    ...path('duct.seg4', 'bileDuct', [
      [LH, 2.4],
      [[-4, -31, -102], 2.9],
      [[-6, -42, -112], 1.3],
    ]),
    // Common hepatic duct: dilated stump above the interruption, normal calibre below it.
    ...path('duct.commonHepatic.upper', 'bileDuct', [
      [C, 3.8],
      [at(gap[0]), 3.4],
    ]),
    ...path('duct.commonHepatic.lower', 'bileDuct', [
      [at(gap[1]), 2.6],
      [CJ, 2.8],
    ]),
    ...path('duct.cystic', 'bileDuct', [
      [CJ, 1.6],
      [[-36, -8, -116], 1.4],
      [[-42, -20, -110], 1.6],
    ]),
    ...path('duct.commonBile', 'bileDuct', [
      [CJ, 2.9],
      [[-20, 12, -150], 2.8],
      [[-14, 18, -176], 2.4],
    ]),
    ell('gallbladder', 'gallbladder', [-48, -30, -130], [13, 13, 24], 1),
  ];
  return { parts, confluence: C, cysticJunction: CJ, gap };
}

/** Everything except lesions, in painting order. */
export function anatomy(): Part[] {
  return [
    ell('body.subcutaneousFat', 'fat', [0, 0, 0], [145, 105, LONG], 1.5),
    ell('body.muscleWall', 'muscle', [0, 0, 0], [134, 94, LONG], 1),
    ell('body.cavity', 'fat', [0, 0, 0], [125, 85, LONG], 1),
    ...ribs(),
    ell('lung.right', 'lung', [-66, 18, 20], [52, 58, 80], 1.5),
    ell('lung.left', 'lung', [66, 18, 20], [52, 58, 75], 1.5),
    ell('heart.myocardium', 'myocardium', [12, -28, 28], [58, 45, 48], 1.5),
    ell('heart.blood', 'heartBlood', [12, -26, 28], [46, 34, 38], 1.5),
    ...spine(),
    cyl('aorta', 'aorta', 12, 22, 10, 10, 1),
    ell('stomach.wall', 'stomachWall', [60, -12, -85], [36, 30, 45], 1),
    ell('stomach.fluid', 'stomachFluid', [60, -12, -85], [32, 26, 41], 1),
    ell('stomach.gas', 'air', [60, -12, -85], [32, 26, 41], 1, 0, { max: { 1: -14 } }),
    ...bowel(),
    ell('kidney.right.cortex', 'kidneyCortex', [-62, 48, -150], [26, 20, 50], 1, 25),
    ell('kidney.right.medulla', 'kidneyMedulla', [-62, 48, -150], [17, 12, 40], 1, 25),
    ell('kidney.right.sinus', 'fat', [-58, 44, -150], [7, 6, 22], 1, 25),
    ell('kidney.left.cortex', 'kidneyCortex', [62, 48, -140], [26, 20, 50], 1, -25),
    ell('kidney.left.medulla', 'kidneyMedulla', [62, 48, -140], [17, 12, 40], 1, -25),
    ell('kidney.left.sinus', 'fat', [58, 44, -140], [7, 6, 22], 1, -25),
    ...path(
      'pancreas',
      'pancreas',
      [
        [[-18, 12, -152], 13],
        [[5, 4, -140], 9],
        [[40, 14, -126], 9],
        [[74, 30, -112], 7],
      ],
      1,
    ),
    ell('spleen', 'spleen', [85, 35, -90], [24, 42, 55], 1, 35),
    ell('liver.rightLobe', 'liver', [-52, -2, -95], [66, 68, 70], 1),
    ell('liver.leftLobe', 'liver', [10, -38, -80], [55, 30, 42], 1, -15),
    ...vessels(),
    ...biliaryTree().parts,
  ];
}

let anatomyCache: Part[] | undefined;

/** anatomy(), built once (the primitives are never mutated). */
export function anatomyParts(): Part[] {
  anatomyCache ??= anatomy();
  return anatomyCache;
}
