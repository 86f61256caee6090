import { openDB, type IDBPDatabase } from 'idb';
import { decodeLabelmapRle, encodeLabelmapRle } from './engine';
import type { SavedSegmentation } from './createSegmentationSession';
import type { SegmentInfo } from './types';

const DB_NAME = 'liver-lesion-review';
const STORE = 'segmentations';
const FORMAT_VERSION = 1;

/** What is stored per series: segments and the run-length encoded labelmap. */
interface StoredSegmentation {
  readonly formatVersion: number;
  readonly savedAt: string;
  readonly voxelCount: number;
  readonly segments: readonly SegmentInfo[];
  readonly activeIndex: number | null;
  readonly rle: Uint8Array;
}

export interface AutosaveStore {
  load(seriesKey: string, voxelCount: number): Promise<SavedSegmentation | null>;
  save(seriesKey: string, snapshot: SavedSegmentation): Promise<void>;
}

/**
 * Segmentations survive a reload or a killed browser: IndexedDB, with persistent storage
 * requested so the browser does not evict it under storage pressure.
 */
export function createAutosaveStore(): AutosaveStore {
  let db: Promise<IDBPDatabase> | null = null;
  const open = (): Promise<IDBPDatabase> => {
    if (!db) {
      void navigator.storage?.persist?.().catch(() => false);
      db = openDB(DB_NAME, 1, {
        upgrade(database) {
          database.createObjectStore(STORE);
        },
      });
    }
    return db;
  };
  return {
    async load(seriesKey, voxelCount) {
      const stored = (await (await open()).get(STORE, seriesKey)) as StoredSegmentation | undefined;
      // A record written for another grid (or another format) is not applied to this one.
      if (!stored || stored.formatVersion !== FORMAT_VERSION || stored.voxelCount !== voxelCount)
        return null;
      return {
        segments: stored.segments,
        activeIndex: stored.activeIndex,
        data: decodeLabelmapRle(stored.rle, voxelCount),
      };
    },
    async save(seriesKey, snapshot) {
      const record: StoredSegmentation = {
        formatVersion: FORMAT_VERSION,
        savedAt: new Date().toISOString(),
        voxelCount: snapshot.data.length,
        segments: snapshot.segments,
        activeIndex: snapshot.activeIndex,
        rle: encodeLabelmapRle(snapshot.data),
      };
      await (await open()).put(STORE, record, seriesKey);
    },
  };
}

/**
 * Saves a session at most `delayMs` after its first unsaved change (not reset by later
 * changes, so continuous editing still saves), and at once when the page is hidden or closed:
 * a killed browser loses at most `delayMs` of edits plus the time one save takes.
 */
export function scheduleAutosave(
  subscribe: (listener: () => void) => () => void,
  save: () => Promise<void>,
  onError: (error: unknown) => void,
  delayMs = 1000,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty) return;
    dirty = false;
    save().catch(onError);
  };
  const unsubscribe = subscribe(() => {
    dirty = true;
    timer ??= setTimeout(flush, delayMs);
  });
  const onHidden = (): void => {
    if (document.visibilityState === 'hidden') flush();
  };
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', flush);
  return () => {
    flush();
    unsubscribe();
    document.removeEventListener('visibilitychange', onHidden);
    window.removeEventListener('pagehide', flush);
  };
}
