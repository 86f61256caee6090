import { POSITION_TOLERANCE_MM } from './geometryMath.ts';
import type { FrameRef } from './types.ts';

export type DuplicatePositionOutcome =
  | { kind: 'distinct' }
  | { kind: 'split'; attribute: string; groups: { label: string; frames: FrameRef[] }[] }
  | { kind: 'stack'; message: string };

type Value = number | string | null;

// Attributes that tell apart frames acquired at one position, in the order they are tried.
const DISCRIMINATORS: { name: string; read: (frame: FrameRef) => Value }[] = [
  { name: 'EchoNumbers', read: (f) => f.attributes.echoNumber },
  { name: 'EchoTime', read: (f) => f.attributes.echoTimeMs },
  { name: 'TemporalPosition', read: (f) => f.attributes.temporalPosition },
  { name: 'TriggerTime', read: (f) => f.attributes.triggerTimeMs },
  { name: 'DiffusionBValue', read: (f) => f.attributes.diffusionBValue },
  { name: 'AcquisitionNumber', read: (f) => f.instance.acquisitionNumber },
  { name: 'ImageType', read: (f) => f.instance.imageType.join('\\') },
];

/** Runs of frames at the same position (frames must be sorted by `positionMm`). */
function groupByPosition(frames: readonly FrameRef[]): FrameRef[][] {
  const runs: FrameRef[][] = [];
  let start: number | null = null;
  for (const frame of frames) {
    const position = frame.positionMm ?? 0;
    const run = runs[runs.length - 1];
    if (run && start !== null && Math.abs(position - start) <= POSITION_TOLERANCE_MM) {
      run.push(frame);
    } else {
      runs.push([frame]);
      start = position;
    }
  }
  return runs;
}

function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/**
 * Different instances at one position (multiple echoes, phases, b-values) cannot form one
 * volume. When every position holds the same number of frames and one attribute takes that
 * many distinct values at each position, the frames split into that many volumes; otherwise
 * they stay one 'stack'.
 */
export function splitDuplicatePositions(
  sortedFrames: readonly FrameRef[],
): DuplicatePositionOutcome {
  const runs = groupByPosition(sortedFrames);
  if (runs.length === sortedFrames.length) return { kind: 'distinct' };
  const copies = runs[0]?.length ?? 0;
  const uniform = runs.every((run) => run.length === copies);
  if (uniform) {
    for (const discriminator of DISCRIMINATORS) {
      const all = new Set<Value>();
      let valid = true;
      for (const run of runs) {
        const values = run.map(discriminator.read);
        if (values.some((value) => value === null) || new Set(values).size !== copies) {
          valid = false;
          break;
        }
        for (const value of values) all.add(value);
      }
      if (!valid || all.size !== copies) continue;
      const ordered = [...all].sort(compareValues);
      const groups = ordered.map((value) => ({
        label: `${discriminator.name}=${String(value)}`,
        frames: sortedFrames.filter((frame) => discriminator.read(frame) === value),
      }));
      return { kind: 'split', attribute: discriminator.name, groups };
    }
  }
  const duplicated = runs.filter((run) => run.length > 1).length;
  return {
    kind: 'stack',
    message:
      `${duplicated} of ${runs.length} positions hold more than one frame and no attribute ` +
      `separates them; kept as a stack, not a volume`,
  };
}
