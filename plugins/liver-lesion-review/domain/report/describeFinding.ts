import type { Finding } from '../findings/types';
import { measureLiverToSpleen } from '../findings/measureLiverToSpleen';
import { describeBiliaryLevel } from '../rules/describeBiliaryLevel';

/** A finding in words for the report: what was seen and measured, never what it means. */
export interface DescribedFinding {
  readonly title: string;
  readonly text: string;
}

const yesNo = (value: boolean | null, what: string): string =>
  value === null ? `${what} not recorded` : `${what} ${value ? 'present' : 'absent'}`;

const PRESENCE_TITLES = {
  'homogeneous-density-decrease': 'Homogeneous density decrease',
  't2-parenchymal-oedema': 'T2 parenchymal oedema',
  ascites: 'Ascites',
} as const;

const fixed = (value: number | null, digits: number, unit = ''): string =>
  value === null ? '—' : `${value.toFixed(digits)}${unit}`;

export function describeFinding(finding: Finding): DescribedFinding {
  switch (finding.kind) {
    case 'pattern': {
      const s = finding.support;
      const figures = s
        ? `; ${s.lesionCount} lesion(s), ${s.totalLesionVolumeMl.toFixed(1)} mL` +
          (s.fractionOfLiverInvolved !== null
            ? `, ${(s.fractionOfLiverInvolved * 100).toFixed(1)} % of the liver`
            : '')
        : '';
      return { title: 'Pattern', text: `${finding.pattern}${figures}` };
    }
    case 'liver-spleen': {
      const m = measureLiverToSpleen({
        liverRois: finding.liverRois.map((r) => r.statistics),
        spleenRois: finding.spleenRois.map((r) => r.statistics),
        contrastEnhanced: finding.contrastEnhanced,
      });
      const flags = m.flags.map((f) => `${f.label}: ${f.status}`).join('; ');
      return {
        title: 'Liver-to-spleen',
        text:
          `liver ${fixed(m.liver.mean, 1, ' HU')} (${finding.liverRois.length} ROI), ` +
          `spleen ${fixed(m.spleen.mean, 1, ' HU')} (${finding.spleenRois.length} ROI), ` +
          `L/S ${fixed(m.ratio, 2)}, L − S ${fixed(m.differenceHu, 1, ' HU')}` +
          (flags ? ` — ${flags}` : '') +
          (m.thresholdsApplicable ? '' : ' (contrast-enhanced: thresholds not applicable)'),
      };
    }
    case 'biliary-interruption':
      return {
        title: 'Biliary interruption',
        text:
          `${describeBiliaryLevel(finding.level)}; ` +
          `${yesNo(finding.upstreamDilatation, 'upstream dilatation')}; ` +
          `${yesNo(finding.ductRigidityRarefaction, 'duct rigidity/rarefaction')}`,
      };
    case 'mrcp-ducts':
      return {
        title: 'MRCP ducts',
        text:
          `${yesNo(finding.rigidityRarefaction, 'rigidity/rarefaction')}; ` +
          `${yesNo(finding.segmentalDilatation, 'segmental dilatation')}; ` +
          `${yesNo(finding.commonBileDuctDilated, 'common bile duct dilatation')}`,
      };
    case 'hepatomegaly':
      return {
        title: 'Hepatomegaly',
        text:
          (finding.present ? 'present' : 'absent') +
          (finding.liverSpanMm !== null ? `, liver span ${finding.liverSpanMm.toFixed(0)} mm` : ''),
      };
    case 'homogeneous-density-decrease':
    case 't2-parenchymal-oedema':
    case 'ascites':
      return {
        title: PRESENCE_TITLES[finding.kind],
        text: finding.present ? 'present' : 'absent',
      };
    case 'lesion-signal':
      return {
        title: `Lesion signal${finding.lesionId ? ` (${finding.lesionId})` : ''}`,
        text: `T1 ${finding.t1 ?? '—'}, T2 ${finding.t2 ?? '—'}`,
      };
  }
}
