/**
 * The findings and rule results of each date as flat rows (schema 2): one row per date, the
 * columns a researcher's spreadsheet wants side by side. Values as recorded; the L/S means are
 * the ROIs pooled by voxel count, as the panel shows them.
 */
import { measureLiverToSpleen } from '../findings/measureLiverToSpleen';
import type { Finding } from '../findings/types';
import type { RuleEvaluation } from '../rules/evaluateRules';
import type { RuleId, RuleStatus } from '../rules/types';

/** One date's recorded imaging findings; null where not recorded. */
export interface DateFindingsRow {
  readonly date: string;
  readonly pattern: string | null;
  readonly liverMeanHu: number | null;
  readonly spleenMeanHu: number | null;
  readonly liverToSpleenRatio: number | null;
  readonly liverMinusSpleenHu: number | null;
  readonly liverRoiCount: number | null;
  readonly spleenRoiCount: number | null;
  readonly contrastEnhanced: boolean | null;
  readonly biliaryInterruption: boolean;
  /** "Bismuth-Corlette IIIa" or "segment VI". */
  readonly biliaryLevel: string | null;
  readonly biliaryPointXMm: number | null;
  readonly biliaryPointYMm: number | null;
  readonly biliaryPointZMm: number | null;
  readonly upstreamDilatation: boolean | null;
  readonly ductRigidityRarefaction: boolean | null;
  readonly segmentalDuctDilatation: boolean | null;
  readonly commonBileDuctDilated: boolean | null;
  readonly hepatomegaly: boolean | null;
  readonly liverSpanMm: number | null;
  readonly homogeneousDensityDecrease: boolean | null;
  readonly t2ParenchymalOedema: boolean | null;
  readonly ascites: boolean | null;
  /** "L1 T1 hypo T2 hyper; all T1 iso" — one entry per signal finding. */
  readonly lesionSignal: string | null;
  /** The reader's notes, "kind: note" joined by " | "; null when de-identified. */
  readonly notes: string | null;
}

/** One date's rule results: status per rule, with the one-sentence reason. */
export interface DateRulesRow {
  readonly date: string;
  readonly results: ReadonlyArray<{
    readonly ruleId: RuleId;
    readonly title: string;
    readonly status: RuleStatus;
    readonly summary: string;
  }>;
}

const round = (v: number | null | undefined, digits: number): number | null =>
  v === null || v === undefined || !Number.isFinite(v)
    ? null
    : Math.round(v * 10 ** digits) / 10 ** digits;

function findingsRow(date: string, findings: readonly Finding[]): DateFindingsRow {
  const of = <K extends Finding['kind']>(kind: K) =>
    findings.find((f): f is Extract<Finding, { kind: K }> => f.kind === kind);
  const ls = of('liver-spleen');
  const m = ls
    ? measureLiverToSpleen({
        liverRois: ls.liverRois.map((r) => r.statistics),
        spleenRois: ls.spleenRois.map((r) => r.statistics),
        contrastEnhanced: ls.contrastEnhanced,
      })
    : null;
  const biliary = of('biliary-interruption');
  const mrcp = of('mrcp-ducts');
  const hepatomegaly = of('hepatomegaly');
  const presence = (kind: 'homogeneous-density-decrease' | 't2-parenchymal-oedema' | 'ascites') =>
    of(kind)?.present ?? null;
  const signals = findings.flatMap((f) =>
    f.kind === 'lesion-signal'
      ? [`${f.lesionId ?? 'all'} T1 ${f.t1 ?? '–'} T2 ${f.t2 ?? '–'}`]
      : [],
  );
  const notes = findings.flatMap((f) => (f.note ? [`${f.kind}: ${f.note}`] : []));
  return {
    date,
    pattern: of('pattern')?.pattern ?? null,
    liverMeanHu: round(m?.liver.mean, 2),
    spleenMeanHu: round(m?.spleen.mean, 2),
    liverToSpleenRatio: round(m?.ratio, 3),
    liverMinusSpleenHu: round(m?.differenceHu, 2),
    liverRoiCount: ls ? ls.liverRois.length : null,
    spleenRoiCount: ls ? ls.spleenRois.length : null,
    contrastEnhanced: ls ? ls.contrastEnhanced : null,
    biliaryInterruption: biliary !== undefined,
    biliaryLevel: biliary
      ? biliary.level.scheme === 'bismuth-corlette'
        ? `Bismuth-Corlette ${biliary.level.type}`
        : `segment ${biliary.level.segment}`
      : null,
    biliaryPointXMm: round(biliary?.pointMm[0], 2),
    biliaryPointYMm: round(biliary?.pointMm[1], 2),
    biliaryPointZMm: round(biliary?.pointMm[2], 2),
    upstreamDilatation: biliary?.upstreamDilatation ?? null,
    // The MRCP reading is the record of the ducts; the biliary finding's flag is the fallback.
    ductRigidityRarefaction: mrcp?.rigidityRarefaction ?? biliary?.ductRigidityRarefaction ?? null,
    segmentalDuctDilatation: mrcp?.segmentalDilatation ?? null,
    commonBileDuctDilated: mrcp?.commonBileDuctDilated ?? null,
    hepatomegaly: hepatomegaly?.present ?? null,
    liverSpanMm: round(hepatomegaly?.liverSpanMm, 1),
    homogeneousDensityDecrease: presence('homogeneous-density-decrease'),
    t2ParenchymalOedema: presence('t2-parenchymal-oedema'),
    ascites: presence('ascites'),
    lesionSignal: signals.length > 0 ? signals.join('; ') : null,
    notes: notes.length > 0 ? notes.join(' | ') : null,
  };
}

/** Findings per date (dates with at least one finding), oldest first. */
export function buildDateFindings(findings: readonly Finding[]): DateFindingsRow[] {
  const dates = [...new Set(findings.map((f) => f.date))].sort();
  return dates.map((d) =>
    findingsRow(
      d,
      findings.filter((f) => f.date === d),
    ),
  );
}

/** Rule results per evaluated date, oldest first. */
export function buildDateRules(evaluation: RuleEvaluation): DateRulesRow[] {
  return evaluation.dates.map((d) => ({
    date: d.date,
    results: d.results.map((r) => ({
      ruleId: r.ruleId,
      title: r.title,
      status: r.status,
      summary: r.summary,
    })),
  }));
}
