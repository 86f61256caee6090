import { SegmentationError } from './SegmentationError.ts';
import { validateBox, writeBox } from './boxMath.ts';
import type { EditHistory, EditRecord, HistoryPushResult, Labelmap } from './types.ts';

export interface EditHistoryOptions {
  /** Cap on the bytes held by undo + redo records; the oldest undo records go first. */
  readonly maxBytes: number;
}

const recordBytes = (record: EditRecord): number => record.before.length + record.after.length;

/**
 * Undo/redo of edit records. Only the changed boxes are held, never a labelmap copy. The newest
 * record is always kept, even alone above maxBytes, so the edit just made can be undone.
 */
export function createEditHistory(options: EditHistoryOptions): EditHistory {
  const { maxBytes } = options;
  if (!(maxBytes >= 0))
    throw new SegmentationError('INVALID_ARGUMENT', `maxBytes ${maxBytes} is not ≥ 0`);
  let undoStack: EditRecord[] = [];
  let redoStack: EditRecord[] = [];
  let held = 0;

  const write = (labelmap: Labelmap, record: EditRecord, values: Uint8Array): void => {
    validateBox(record.box, labelmap.geometry);
    writeBox(labelmap.data, labelmap.geometry, record.box, values);
  };

  return {
    push(record: EditRecord): HistoryPushResult {
      for (const undone of redoStack) held -= recordBytes(undone);
      redoStack = [];
      undoStack.push(record);
      held += recordBytes(record);
      let droppedRecords = 0;
      let droppedBytes = 0;
      let drop = 0;
      while (held > maxBytes && undoStack.length - drop > 1) {
        const oldest = undoStack[drop++];
        if (!oldest) break;
        held -= recordBytes(oldest);
        droppedBytes += recordBytes(oldest);
        droppedRecords++;
      }
      if (drop > 0) undoStack = undoStack.slice(drop);
      return { droppedRecords, droppedBytes };
    },
    undo(labelmap: Labelmap): EditRecord | null {
      const record = undoStack.at(-1);
      if (!record) return null;
      write(labelmap, record, record.before);
      undoStack.pop();
      redoStack.push(record);
      return record;
    },
    redo(labelmap: Labelmap): EditRecord | null {
      const record = redoStack.at(-1);
      if (!record) return null;
      write(labelmap, record, record.after);
      redoStack.pop();
      undoStack.push(record);
      return record;
    },
    canUndo: () => undoStack.length > 0,
    canRedo: () => redoStack.length > 0,
    clear(): void {
      undoStack = [];
      redoStack = [];
      held = 0;
    },
    bytes: () => held,
    depth: () => undoStack.length,
  };
}
