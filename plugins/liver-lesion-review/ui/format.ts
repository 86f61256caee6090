/** Number formatting for the review: units always shown, "—" for a missing value. */
export const fmtMl = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${v.toFixed(v < 10 ? 2 : 1)} mL`;

export const fmtMm = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${v.toFixed(1)} mm`;

export const fmtPct = (v: number | null | undefined): string =>
  v === null || v === undefined ? '—' : `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(1)} %`;
