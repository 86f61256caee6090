/**
 * Response per follow-up date from per-lesion measurements: RECIST 1.1 on the sum of longest
 * diameters of target lesions, and a volumetric analogue on total tumour volume. Sources:
 * Eisenhauer et al., Eur J Cancer 2009;45:228–247 (RECIST 1.1 §4.2–4.4); volumetric
 * thresholds are the sphere equivalents of RECIST's (+20 % diameter ≈ +72.8 % volume,
 * −30 % ≈ −65.7 %), see shared/reference/clinical-rules.md.
 */
export type ResponseCategory = 'BASELINE' | 'CR' | 'PR' | 'SD' | 'PD';

export interface LesionMeasurement {
  /** The same id for the same lesion on every date. */
  readonly lesionId: string;
  readonly longestAxialMm: number;
  readonly volumeMl: number;
}

export interface TimepointMeasurements {
  readonly date: string;
  readonly lesions: readonly LesionMeasurement[];
}

export interface ResponseOptions {
  /** The reader's choice of target lesions; by default the largest measurable ones. */
  readonly targetLesionIds?: readonly string[];
  /** RECIST 1.1 §3.3: at most 2 target lesions per organ (this is one organ: the liver). */
  readonly maxTargets?: number;
  /** RECIST 1.1 §3.1: measurable = longest diameter ≥ 10 mm on CT (slice ≤ 5 mm). */
  readonly measurableMinMm?: number;
}

export interface TimepointResponse {
  readonly date: string;
  readonly sumLongestDiametersMm: number;
  readonly changeFromBaselinePct: number | null;
  readonly changeFromNadirPct: number | null;
  readonly changeFromPreviousPct: number | null;
  readonly newLesions: readonly string[];
  readonly recist: ResponseCategory;
  readonly totalVolumeMl: number;
  readonly volumeChangeFromBaselinePct: number | null;
  readonly volumeChangeFromNadirPct: number | null;
  readonly volumetric: ResponseCategory;
  /** Why each category was given, in words a tumour board can check. */
  readonly reasons: readonly string[];
}

export interface ResponseAssessment {
  readonly targetLesionIds: readonly string[];
  readonly timepoints: readonly TimepointResponse[];
}

export const RECIST_PR_PCT = -30;
export const RECIST_PD_PCT = 20;
export const RECIST_PD_ABSOLUTE_MM = 5;
export const VOLUMETRIC_PR_PCT = -65.7;
export const VOLUMETRIC_PD_PCT = 72.8;

function pct(value: number, reference: number): number | null {
  return reference > 0 ? ((value - reference) / reference) * 100 : null;
}

const fmt = (n: number | null): string =>
  n === null ? 'n/a' : `${n >= 0 ? '+' : ''}${n.toFixed(1)} %`;

/** RECIST 1.1 §3.3: the largest measurable lesions at baseline, at most `maxTargets`. */
export function selectTargetLesions(
  baseline: TimepointMeasurements,
  options: ResponseOptions = {},
): string[] {
  const min = options.measurableMinMm ?? 10;
  return [...baseline.lesions]
    .filter((l) => l.longestAxialMm >= min)
    .sort((a, b) => b.longestAxialMm - a.longestAxialMm || a.lesionId.localeCompare(b.lesionId))
    .slice(0, options.maxTargets ?? 2)
    .map((l) => l.lesionId);
}

export function assessResponse(
  timepoints: readonly TimepointMeasurements[],
  options: ResponseOptions = {},
): ResponseAssessment {
  const ordered = [...timepoints].sort((a, b) => a.date.localeCompare(b.date));
  const baseline = ordered[0];
  if (!baseline) return { targetLesionIds: [], timepoints: [] };
  const targets = options.targetLesionIds ?? selectTargetLesions(baseline, options);
  const sumOf = (tp: TimepointMeasurements): number =>
    targets.reduce(
      (sum, id) => sum + (tp.lesions.find((l) => l.lesionId === id)?.longestAxialMm ?? 0),
      0,
    );
  const volumeOf = (tp: TimepointMeasurements): number =>
    tp.lesions.reduce((sum, l) => sum + l.volumeMl, 0);

  const seen = new Set<string>();
  const results: TimepointResponse[] = [];
  let nadirSum = Infinity;
  let nadirVolume = Infinity;
  let previousSum: number | null = null;
  const baselineSum = sumOf(baseline);
  const baselineVolume = volumeOf(baseline);
  for (const [index, tp] of ordered.entries()) {
    const sum = sumOf(tp);
    const volume = volumeOf(tp);
    const present = tp.lesions
      .filter((l) => l.longestAxialMm > 0 || l.volumeMl > 0)
      .map((l) => l.lesionId);
    const newLesions = index === 0 ? [] : present.filter((id) => !seen.has(id));
    const reasons: string[] = [];
    let recist: ResponseCategory;
    let volumetric: ResponseCategory;
    const fromBaseline = index === 0 ? null : pct(sum, baselineSum);
    const fromNadir = index === 0 ? null : pct(sum, nadirSum);
    const fromPrevious = previousSum === null ? null : pct(sum, previousSum);
    const volFromBaseline = index === 0 ? null : pct(volume, baselineVolume);
    const volFromNadir = index === 0 ? null : pct(volume, nadirVolume);
    if (index === 0) {
      recist = 'BASELINE';
      volumetric = 'BASELINE';
      reasons.push(
        `Baseline: ${targets.length} target lesion(s), sum of longest diameters ${sum.toFixed(1)} mm.`,
      );
    } else {
      if (newLesions.length > 0)
        reasons.push(`New lesion(s) ${newLesions.join(', ')}: progression (RECIST 1.1 §4.3.1).`);
      const absoluteIncrease = sum - nadirSum;
      const pdBySum =
        targets.length > 0 &&
        fromNadir !== null &&
        fromNadir >= RECIST_PD_PCT &&
        absoluteIncrease >= RECIST_PD_ABSOLUTE_MM;
      if (newLesions.length > 0 || pdBySum) {
        recist = 'PD';
        if (pdBySum) {
          reasons.push(
            `Sum ${sum.toFixed(1)} mm is ${fmt(fromNadir)} and +${absoluteIncrease.toFixed(1)} mm above the nadir ${nadirSum.toFixed(1)} mm (PD: ≥ +20 % and ≥ 5 mm).`,
          );
        }
      } else if (targets.length > 0 && sum === 0) {
        recist = 'CR';
        reasons.push('All target lesions disappeared (CR).');
      } else if (fromBaseline !== null && fromBaseline <= RECIST_PR_PCT) {
        recist = 'PR';
        reasons.push(`Sum ${fmt(fromBaseline)} from baseline (PR: ≤ −30 %).`);
      } else {
        recist = 'SD';
        reasons.push(
          targets.length === 0
            ? 'No measurable target lesion at baseline and no new lesion (non-CR/non-PD).'
            : `Sum ${fmt(fromBaseline)} from baseline and ${fmt(fromNadir)} from the nadir: neither PR nor PD (SD).`,
        );
      }
      if (
        fromPrevious !== null &&
        recist === 'PD' &&
        Math.abs(fromPrevious) < RECIST_PD_PCT &&
        !newLesions.length
      ) {
        reasons.push(
          `Stable against the previous date (${fmt(fromPrevious)}), but RECIST compares with the nadir.`,
        );
      }
      const pdByVolume = volFromNadir !== null && volFromNadir >= VOLUMETRIC_PD_PCT;
      if (newLesions.length > 0 || pdByVolume) {
        volumetric = 'PD';
        if (pdByVolume)
          reasons.push(
            `Total volume ${fmt(volFromNadir)} from its nadir (volumetric PD: ≥ +72.8 %).`,
          );
      } else if (baselineVolume > 0 && volume === 0) {
        volumetric = 'CR';
      } else if (volFromBaseline !== null && volFromBaseline <= VOLUMETRIC_PR_PCT) {
        volumetric = 'PR';
        reasons.push(
          `Total volume ${fmt(volFromBaseline)} from baseline (volumetric PR: ≤ −65.7 %).`,
        );
      } else {
        volumetric = 'SD';
      }
    }
    results.push({
      date: tp.date,
      sumLongestDiametersMm: sum,
      changeFromBaselinePct: fromBaseline,
      changeFromNadirPct: fromNadir,
      changeFromPreviousPct: fromPrevious,
      newLesions,
      recist,
      totalVolumeMl: volume,
      volumeChangeFromBaselinePct: volFromBaseline,
      volumeChangeFromNadirPct: volFromNadir,
      volumetric,
      reasons,
    });
    for (const id of present) seen.add(id);
    nadirSum = Math.min(nadirSum, sum);
    nadirVolume = Math.min(nadirVolume, volume);
    previousSum = sum;
  }
  return { targetLesionIds: targets, timepoints: results };
}
