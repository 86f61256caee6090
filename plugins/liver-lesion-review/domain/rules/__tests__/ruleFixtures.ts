import type { RoiStatistics } from '../../findings/roiTypes';
import type {
  BiliaryInterruptionFinding,
  Finding,
  LiverSpleenFinding,
  MrcpDuctsFinding,
  PatternFinding,
  PresenceFinding,
} from '../../findings/types';
import type { LabPanel, LabValue } from '../../labs/types';
import type { RuleContext } from '../types';

export const DATE = '2024-07-26';
const REF = { seriesInstanceUid: '1.2.3' };

export function context(partial: Partial<RuleContext> = {}): RuleContext {
  const labs: LabPanel = partial.labs ?? {};
  return {
    date: DATE,
    labs,
    labHistory: partial.labHistory ?? (Object.values(labs) as LabValue[]),
    findings: [],
    response: null,
    knownMalignancy: null,
    rapidRise: {},
    ...partial,
  };
}

const roi = (mean: number): RoiStatistics => ({
  voxelCount: 400,
  mean,
  sd: 10,
  min: null,
  max: null,
  areaMm2: 250,
});

export const liverSpleen = (
  liverHu: number,
  spleenHu: number,
  contrastEnhanced: boolean | null = false,
): LiverSpleenFinding => ({
  id: 'ls',
  kind: 'liver-spleen',
  date: DATE,
  imageReferences: [REF],
  liverRois: [{ statistics: roi(liverHu), imageReference: REF, roi: null }],
  spleenRois: [{ statistics: roi(spleenHu), imageReference: REF, roi: null }],
  contrastEnhanced,
});

export const presence = (
  kind: PresenceFinding['kind'],
  present: boolean,
  date = DATE,
): PresenceFinding => ({
  id: kind,
  kind,
  date,
  imageReferences: [REF],
  present,
});

export const hepatomegaly = (present: boolean, liverSpanMm: number | null = null): Finding => ({
  id: 'hm',
  kind: 'hepatomegaly',
  date: DATE,
  imageReferences: [REF],
  present,
  liverSpanMm,
});

export const pattern = (value: PatternFinding['pattern'], date = DATE): PatternFinding => ({
  id: `pattern-${date}`,
  kind: 'pattern',
  date,
  imageReferences: [REF],
  pattern: value,
  support: null,
});

/** Seed 004 Fig. 3c / the sample MRCP: common hepatic duct, 6.8 mm below the confluence. */
export const interruption = (
  upstreamDilatation: boolean | null,
  ductRigidityRarefaction: boolean | null = null,
): BiliaryInterruptionFinding => ({
  id: 'bi',
  kind: 'biliary-interruption',
  date: DATE,
  imageReferences: [REF],
  imageReference: { seriesInstanceUid: '1.2.3.4', sopInstanceUid: '1.2.3.4.20' },
  pointMm: [10, 40.5, 120.25],
  level: { scheme: 'bismuth-corlette', type: 'I' },
  upstreamDilatation,
  ductRigidityRarefaction,
});

export const mrcpDucts = (
  rigidityRarefaction: boolean | null,
  segmentalDilatation: boolean | null = null,
): MrcpDuctsFinding => ({
  id: 'ducts',
  kind: 'mrcp-ducts',
  date: DATE,
  imageReferences: [REF],
  rigidityRarefaction,
  segmentalDilatation,
  commonBileDuctDilated: false,
});
