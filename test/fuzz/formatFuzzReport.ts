import type { CaseRecord, FuzzReport } from './runFuzzCorpus.ts';

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

function listCases(title: string, cases: readonly CaseRecord[]): string[] {
  if (cases.length === 0) return [];
  return [
    `${title}:`,
    ...cases
      .slice(0, 20)
      .map(
        (c) =>
          `  #${c.id} ${c.name} (seed ${c.seed}; ${c.notes.join(' | ')}): ${c.detail.split('\n')[0]}`,
      ),
    ...(cases.length > 20 ? [`  … and ${cases.length - 20} more`] : []),
  ];
}

function counts(record: Record<string, number>): string {
  return Object.entries(record)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${key} ${n}`)
    .join(', ');
}

/** The figures of a corpus run as printed by `npm run fuzz`. */
export function formatFuzzReport(
  report: FuzzReport,
  machine: { nproc: number; cpu: string; memoryGiB: number; node: string },
): string {
  const kinds = Object.entries(report.byKind)
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(
      ([kind, v]) =>
        `  ${kind.padEnd(24)} ${String(v.files).padStart(5)} files, ${v.rejected} rejected`,
    );
  return [
    `hostile-file corpus, seed ${report.corpusSeed}: ${report.rawFiles} pydicom files + ${report.mutants} mutants`,
    `machine: ${machine.nproc} cores, ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}; ${report.workers} workers`,
    `files:      ${report.files}`,
    `crashes:    ${report.crashes.length}`,
    `hangs:      ${report.hangs.length} (limit ${report.timeLimitMs} ms per file)`,
    `violations: ${report.violations.length} (untyped errors, bad offsets, good files lost)`,
    `max time:   ${report.maxTimeMs.toFixed(1)} ms (${report.maxTimeFile}); median ${report.medianTimeMs.toFixed(2)} ms, p99 ${report.p99TimeMs.toFixed(1)} ms`,
    `max memory: ${mib(report.maxMemoryBytes)} per file above baseline (${report.maxMemoryFile}); process max RSS ${mib(report.processMaxRssBytes)}`,
    `rejected:   ${report.rejected} (${report.rejectedWithOffset} with a byte offset); outcomes: ${counts(report.outcomes)}`,
    `byte offsets: ${Object.entries(report.offsetsByCode)
      .map(([code, v]) => `${code} ${v.withOffset}/${v.files}`)
      .join(', ')}`,
    `nesting-only mutants: ${Object.entries(report.nestingOutcomes)
      .map(([band, outcomes]) => `depth ${band}: ${counts(outcomes)}`)
      .join('; ')}`,
    `assembly failures: ${counts(report.assembleFailures) || 'none'}`,
    `measure exit codes: ${counts(report.cliExits)}`,
    `by mutation:`,
    ...kinds,
    `duration:   ${(report.durationMs / 1000).toFixed(1)} s`,
    ...listCases('CRASHES', report.crashes),
    ...listCases('HANGS', report.hangs),
    ...listCases('VIOLATIONS', report.violations),
  ].join('\n');
}
