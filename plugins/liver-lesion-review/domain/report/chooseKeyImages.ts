import type { LesionCell, LesionReview, ReviewTimepoint } from '../quantify/buildLesionReview';

/** Which image shows a lesion on a date: its segment on the slice RECIST measured it on. */
export interface KeyImageChoice {
  readonly lesionId: string;
  /** Index into the review's dates. */
  readonly dateIndex: number;
  readonly date: string;
  readonly seriesId: string;
  readonly segmentIndex: number;
  /** Slice of the longest axial diameter; null when none was measured (the renderer then takes the largest). */
  readonly slice: number | null;
}

/** One cell per lesion per date: the image to render, or why there is none. */
export type KeyImageCell =
  | { readonly kind: 'image'; readonly choice: KeyImageChoice }
  | {
      readonly kind: 'absent';
      readonly lesionId: string;
      readonly dateIndex: number;
      readonly status: string;
    };

const isCell = (cell: LesionReview['rows'][number]['cells'][number]): cell is LesionCell =>
  'key' in cell;

/**
 * The key images of a review: for every lesion on every date where it is segmented, its
 * segment on its measured slice (RECIST 1.1 §4.3: the slice of the longest diameter).
 */
export function chooseKeyImages(
  review: LesionReview,
  timepoints: readonly ReviewTimepoint[],
): KeyImageCell[][] {
  return review.rows.map((row) =>
    row.cells.map((cell, dateIndex): KeyImageCell => {
      const date = review.dates[dateIndex]!;
      const seriesId = timepoints.find((tp) => tp.date === date)?.seriesId;
      if (!isCell(cell) || seriesId === undefined)
        return { kind: 'absent', lesionId: row.lesionId, dateIndex, status: cell.status };
      return {
        kind: 'image',
        choice: {
          lesionId: row.lesionId,
          dateIndex,
          date,
          seriesId,
          segmentIndex: Number(cell.key),
          slice: cell.statistics.longestAxial?.slice ?? null,
        },
      };
    }),
  );
}
