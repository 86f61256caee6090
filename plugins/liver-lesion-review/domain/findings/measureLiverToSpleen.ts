import { poolRoiStatistics } from './poolRoiStatistics';
import type { RoiStatistics } from './roiTypes';

/** Kodama et al., AJR 2007;188:1307–1312; seed 004: normal L/S > 1.0, < 1.0 after injury. */
export const LS_RATIO_THRESHOLD = 1.0;
/** Kodama 2007: L − S < −10 HU on unenhanced CT, moderate–severe steatosis. */
export const L_MINUS_S_THRESHOLD_HU = -10;
/** Park YS et al., Radiology 2011: L − S in biopsy-proven normal livers, +1 to +18 HU. */
export const L_MINUS_S_REFERENCE_HU = [1, 18] as const;
/** Kodama 2007: liver < 40 HU unenhanced ≈ ≥ 30 % fat. */
export const LIVER_ATTENUATION_THRESHOLD_HU = 40;

export type ThresholdFlagStatus =
  'flagged' | 'not-flagged' | 'indeterminate' | 'not-applicable' | 'not-evaluable';

export interface ThresholdFlag {
  readonly id: 'ls-ratio' | 'l-minus-s' | 'liver-attenuation';
  readonly label: string;
  readonly value: number | null;
  readonly unit: '' | 'HU';
  readonly threshold: string;
  /** The bare comparison with the threshold, kept on contrast-enhanced CT ("warn, don't hide"). */
  readonly beyondThreshold: boolean | null;
  readonly status: ThresholdFlagStatus;
  readonly meaning: string;
  readonly source: string;
}

export interface LiverSpleenMeasurement {
  /** All liver ROIs pooled by voxel count. */
  readonly liver: RoiStatistics;
  readonly spleen: RoiStatistics;
  /** mean liver HU ÷ mean spleen HU; null when either is missing or spleen mean ≤ 0. */
  readonly ratio: number | null;
  readonly differenceHu: number | null;
  /** False on contrast-enhanced CT: the thresholds hold for unenhanced CT only. */
  readonly thresholdsApplicable: boolean;
  readonly flags: readonly ThresholdFlag[];
  readonly warnings: readonly string[];
}

/**
 * L/S ratio, L − S difference and liver attenuation from liver and spleen ROIs of one series,
 * flagged against the unenhanced-CT thresholds of shared/reference/clinical-rules.md.
 */
export function measureLiverToSpleen(input: {
  readonly liverRois: readonly RoiStatistics[];
  readonly spleenRois: readonly RoiStatistics[];
  readonly contrastEnhanced: boolean | null;
}): LiverSpleenMeasurement {
  const liver = poolRoiStatistics(input.liverRois);
  const spleen = poolRoiStatistics(input.spleenRois);
  const ratio =
    liver.mean !== null && spleen.mean !== null && spleen.mean > 0
      ? liver.mean / spleen.mean
      : null;
  const differenceHu =
    liver.mean !== null && spleen.mean !== null ? liver.mean - spleen.mean : null;
  const applicable = input.contrastEnhanced !== true;
  const warnings: string[] = [];
  if (input.contrastEnhanced === true)
    warnings.push(
      'Contrast-enhanced series: the L/S, L − S and attenuation thresholds hold for unenhanced CT only (on portal-venous CT L − S has poor specificity; Pickhardt et al. 2024). Values shown, not flagged.',
    );
  if (input.contrastEnhanced === null)
    warnings.push('Contrast phase unknown: the thresholds assume unenhanced CT.');
  if (liver.voxelCount === 0) warnings.push('No liver ROI with voxels.');
  if (spleen.voxelCount === 0) warnings.push('No spleen ROI with voxels.');
  if (spleen.mean !== null && spleen.mean <= 0)
    warnings.push('Spleen mean ≤ 0 HU: the ratio is not meaningful.');

  const status = (beyond: boolean | null, equal = false): ThresholdFlagStatus =>
    beyond === null
      ? 'not-evaluable'
      : !applicable
        ? 'not-applicable'
        : equal
          ? 'indeterminate'
          : beyond
            ? 'flagged'
            : 'not-flagged';
  const inReference =
    differenceHu !== null &&
    differenceHu >= L_MINUS_S_REFERENCE_HU[0] &&
    differenceHu <= L_MINUS_S_REFERENCE_HU[1];
  const ratioBeyond = ratio === null ? null : ratio < LS_RATIO_THRESHOLD;
  const differenceBeyond = differenceHu === null ? null : differenceHu < L_MINUS_S_THRESHOLD_HU;
  const liverBeyond = liver.mean === null ? null : liver.mean < LIVER_ATTENUATION_THRESHOLD_HU;
  const flags: ThresholdFlag[] = [
    {
      id: 'ls-ratio',
      label: 'Liver-to-spleen ratio',
      value: ratio,
      unit: '',
      threshold: '< 1.0 (normal > 1.0)',
      beyondThreshold: ratioBeyond,
      status: status(ratioBeyond, ratio === LS_RATIO_THRESHOLD),
      meaning:
        'L/S < 1.0 is seen after hepatocellular injury (seed 004) and in moderate–severe steatosis (Kodama 2007).',
      source: 'Seed 004 discussion; Kodama et al., AJR 2007',
    },
    {
      id: 'l-minus-s',
      label: 'Liver minus spleen',
      value: differenceHu,
      unit: 'HU',
      threshold: '< −10 HU',
      beyondThreshold: differenceBeyond,
      status: status(differenceBeyond),
      meaning: `L − S < −10 HU: moderate–severe steatosis range. Normal livers: +1 to +18 HU (${differenceHu === null ? 'n/a' : inReference ? 'within' : 'outside'}).`,
      source: 'Kodama et al., AJR 2007; Park YS et al., Radiology 2011',
    },
    {
      id: 'liver-attenuation',
      label: 'Liver attenuation',
      value: liver.mean,
      unit: 'HU',
      threshold: '< 40 HU',
      beyondThreshold: liverBeyond,
      status: status(liverBeyond),
      meaning: 'Liver < 40 HU on unenhanced CT ≈ ≥ 30 % fat.',
      source: 'Kodama et al., AJR 2007',
    },
  ];
  return { liver, spleen, ratio, differenceHu, thresholdsApplicable: applicable, flags, warnings };
}
