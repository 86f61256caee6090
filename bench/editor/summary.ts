/** Small statistics helpers for bench/editor.bench.ts (nearest-rank percentiles, as measure.ts). */

export interface Summary {
  readonly n: number;
  readonly medianMs: number | null;
  readonly p95Ms: number | null;
  readonly minMs: number | null;
  readonly maxMs: number | null;
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] ?? null;
}

const round = (value: number | null): number | null =>
  value === null ? null : Number(value.toFixed(3));

export function summarise(values: ReadonlyArray<number | null | undefined>): Summary {
  const sorted = values
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v))
    .sort((a, b) => a - b);
  return {
    n: sorted.length,
    medianMs: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    minMs: round(sorted[0] ?? null),
    maxMs: round(sorted[sorted.length - 1] ?? null),
  };
}

export function ratio(ours: number | null, peer: number | null): number | null {
  if (ours === null || peer === null || peer === 0) return null;
  return Number((ours / peer).toFixed(3));
}

export function fmt(value: number | null, digits = 2): string {
  return value === null ? '—' : value.toFixed(digits);
}
