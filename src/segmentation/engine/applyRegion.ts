import { createStroke } from './createStroke.ts';
import type { EditOptions, EditRecord, Labelmap, Region } from './types.ts';

/** One-shot edit (a click, a polygon fill): a stroke of one region. Null when nothing changed. */
export function applyRegion(
  labelmap: Labelmap,
  region: Region | null,
  options: EditOptions,
  label: string,
): EditRecord | null {
  const stroke = createStroke(labelmap, options, label);
  stroke.add(region);
  return stroke.end();
}
