/**
 * Self-checks of the phantom, run by the generator before writing anything (a few ms): the truth
 * it records must hold for the primitives it paints.
 *  - ROI boxes contain only liver (or spleen) parenchyma at every date;
 *  - each lesion, grown by a 1.5 mm margin, lies inside liver tissue (vessels/ducts allowed) and
 *    does not touch another lesion;
 *  - the MRCP interruption point is not bile duct, while the duct stumps on both sides are.
 */
import { anatomy, biliaryTree, type Part } from './anatomy.ts';
import { CT_EXAMS, lesionsAt, ROIS, type LesionAtDate } from './patient.ts';
import { alphaAt, type Vec3 } from './raster.ts';
import type { Tissue } from './tissues.ts';

/** Tissue of the last primitive whose alpha at p is ≥ 0.5 (what a threshold segmentation sees). */
export function tissueAt(parts: readonly Part[], p: Vec3): Tissue {
  let t: Tissue = 'air';
  for (const part of parts) if (alphaAt(part, p[0], p[1], p[2]) >= 0.5) t = part.tissue;
  return t;
}

/** True when no primitive other than `allowed` tissues has any influence (alpha > 0) at p. */
function onlyTissue(parts: readonly Part[], p: Vec3, tissue: Tissue): boolean {
  let last: Tissue = 'air';
  for (const part of parts) {
    const a = alphaAt(part, p[0], p[1], p[2]);
    if (a >= 1) last = part.tissue;
    else if (a > 0 && part.tissue !== tissue) return false;
  }
  return last === tissue;
}

function fibonacciSphere(n: number): Vec3[] {
  const out: Vec3[] = [];
  const golden = Math.PI * (3 - Math.sqrt(5));
  for (let i = 0; i < n; i++) {
    const z = 1 - (2 * (i + 0.5)) / n;
    const r = Math.sqrt(1 - z * z);
    out.push([r * Math.cos(golden * i), r * Math.sin(golden * i), z]);
  }
  return out;
}

const LIVER_LIKE = new Set<Tissue>(['liver', 'portalVein', 'hepaticVein', 'bileDuct']);

function checkLesions(
  parts: readonly Part[],
  lesions: readonly LesionAtDate[],
  label: string,
  errors: string[],
): void {
  const dirs = fibonacciSphere(400);
  const margin = 1.5;
  for (const l of lesions) {
    for (const d of dirs) {
      const p: Vec3 = [
        l.centreMm[0] + d[0] * (l.radiiMm[0] + margin),
        l.centreMm[1] + d[1] * (l.radiiMm[1] + margin),
        l.centreMm[2] + d[2] * (l.radiiMm[2] + margin),
      ];
      const t = tissueAt(parts, p);
      if (!LIVER_LIKE.has(t)) {
        errors.push(
          `${label} ${l.id}: surface point ${p.map((v) => v.toFixed(1)).join(',')} is ${t}, not liver`,
        );
        break;
      }
      for (const o of lesions) {
        if (o === l) continue;
        const q = [0, 1, 2].reduce(
          (s, i) =>
            s + (((p[i] ?? 0) - (o.centreMm[i] ?? 0)) / ((o.radiiMm[i] ?? 1) + margin)) ** 2,
          0,
        );
        if (q <= 1) errors.push(`${label} ${l.id} touches ${o.id}`);
      }
    }
  }
}

function checkRoi(
  parts: readonly Part[],
  roi: { centreMm: Vec3; halfSizeMm: Vec3 },
  tissue: Tissue,
  label: string,
  errors: string[],
): void {
  const n = 6;
  for (let i = 0; i <= n; i++) {
    for (let j = 0; j <= n; j++) {
      for (let k = 0; k <= n; k++) {
        const p: Vec3 = [
          roi.centreMm[0] + roi.halfSizeMm[0] * ((2 * i) / n - 1),
          roi.centreMm[1] + roi.halfSizeMm[1] * ((2 * j) / n - 1),
          roi.centreMm[2] + roi.halfSizeMm[2] * ((2 * k) / n - 1),
        ];
        if (!onlyTissue(parts, p, tissue)) {
          errors.push(`${label}: ${tissue} ROI point ${p.join(',')} is not pure ${tissue}`);
          return;
        }
      }
    }
  }
}

export function checkPhantom(lesionPartsOf: (l: readonly LesionAtDate[]) => Part[]): string[] {
  const errors: string[] = [];
  const base = anatomy();
  for (const exam of CT_EXAMS) {
    const lesions = lesionsAt(exam.key);
    const parts = [...base, ...lesionPartsOf(lesions)];
    checkLesions(base, lesions, exam.date, errors);
    checkRoi(parts, ROIS.liver, 'liver', exam.date, errors);
    checkRoi(parts, ROIS.spleen, 'spleen', exam.date, errors);
    for (const l of lesions) {
      if (tissueAt(parts, l.centreMm) !== 'lesion')
        errors.push(`${exam.date} ${l.id}: centre is not lesion`);
    }
  }
  const tree = biliaryTree();
  const point = interruptionGeometry().pointMm;
  if (tissueAt(base, point) === 'bileDuct') errors.push('MRCP interruption point is bile duct');
  const { upperStumpEndMm, lowerStumpStartMm } = interruptionGeometry();
  const inward = (a: Vec3, b: Vec3, d: number): Vec3 => {
    const len = Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]);
    return [
      a[0] + ((b[0] - a[0]) * d) / len,
      a[1] + ((b[1] - a[1]) * d) / len,
      a[2] + ((b[2] - a[2]) * d) / len,
    ];
  };
  if (tissueAt(base, inward(upperStumpEndMm, tree.confluence, 1)) !== 'bileDuct')
    errors.push('upper duct stump missing');
  if (tissueAt(base, inward(lowerStumpStartMm, tree.cysticJunction, 1)) !== 'bileDuct')
    errors.push('lower duct stump missing');
  return errors;
}

/** Where the common hepatic duct is interrupted (centre line, patient mm). */
export function interruptionGeometry(): {
  pointMm: Vec3;
  upperStumpEndMm: Vec3;
  lowerStumpStartMm: Vec3;
  gapLengthMm: number;
  distanceBelowConfluenceMm: number;
} {
  const { confluence: c, cysticJunction: j, gap } = biliaryTree();
  const at = (t: number): Vec3 => [
    c[0] + (j[0] - c[0]) * t,
    c[1] + (j[1] - c[1]) * t,
    c[2] + (j[2] - c[2]) * t,
  ];
  const len = Math.hypot(j[0] - c[0], j[1] - c[1], j[2] - c[2]);
  return {
    pointMm: at((gap[0] + gap[1]) / 2),
    upperStumpEndMm: at(gap[0]),
    lowerStumpStartMm: at(gap[1]),
    gapLengthMm: (gap[1] - gap[0]) * len,
    distanceBelowConfluenceMm: gap[0] * len,
  };
}
