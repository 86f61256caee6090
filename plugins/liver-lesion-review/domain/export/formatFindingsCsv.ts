import Papa from 'papaparse';
import type { DateFindingsRow } from './buildDateFindings';
import type { LesionReviewExport } from './buildReviewExport';

/** Findings columns of the per-date CSV, in DateFindingsRow order. */
const FINDING_COLUMNS = [
  'pattern',
  'liverMeanHu',
  'spleenMeanHu',
  'liverToSpleenRatio',
  'liverMinusSpleenHu',
  'liverRoiCount',
  'spleenRoiCount',
  'contrastEnhanced',
  'biliaryInterruption',
  'biliaryLevel',
  'biliaryPointXMm',
  'biliaryPointYMm',
  'biliaryPointZMm',
  'upstreamDilatation',
  'ductRigidityRarefaction',
  'segmentalDuctDilatation',
  'commonBileDuctDilated',
  'hepatomegaly',
  'liverSpanMm',
  'homogeneousDensityDecrease',
  't2ParenchymalOedema',
  'ascites',
  'lesionSignal',
  'notes',
] as const satisfies ReadonlyArray<keyof DateFindingsRow>;

type Cell = string | number | boolean | null;

/**
 * The second CSV of an export, "findings per date": one row per date that has findings, rule
 * results or a response; the findings' columns, then one `rule:<id>` status column per rule
 * (met / not-met / not-evaluable) and the date's RECIST 1.1 and volumetric response. Same
 * RFC 4180 / CRLF / formula-escaping conventions as formatReviewCsv.
 */
export function formatFindingsCsv(doc: LesionReviewExport): string {
  const ruleIds = [...new Set(doc.rulesByDate.flatMap((d) => d.results.map((r) => r.ruleId)))];
  const dates = [
    ...new Set([
      ...doc.findingsByDate.map((f) => f.date),
      ...doc.rulesByDate.map((r) => r.date),
      ...doc.response.map((r) => r.date),
    ]),
  ].sort();
  const fields = [
    'patientId',
    'date',
    ...FINDING_COLUMNS,
    ...ruleIds.map((id) => `rule:${id}`),
    'recist',
    'volumetric',
  ];
  const data = dates.map((date): Cell[] => {
    const f = doc.findingsByDate.find((x) => x.date === date);
    const rules = doc.rulesByDate.find((x) => x.date === date)?.results ?? [];
    const response = doc.response.find((x) => x.date === date);
    return [
      doc.patientId,
      date,
      ...FINDING_COLUMNS.map((c) => (f ? f[c] : null)),
      ...ruleIds.map((id) => rules.find((r) => r.ruleId === id)?.status ?? null),
      response?.recist ?? null,
      response?.volumetric ?? null,
    ];
  });
  return `${Papa.unparse({ fields, data }, { escapeFormulae: true, newline: '\r\n' })}\r\n`;
}
