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
  /** Every saved segmentation's key and segments (the labelmaps are not decoded). */
  list(): Promise<
    ReadonlyArray<{ readonly seriesKey: string; readonly segments: readonly SegmentInfo[] }>
  >;
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
    async list() {
      // One read transaction, so keys and values describe the same records.
      const transaction = (await open()).transaction(STORE);
      const [keys, values] = await Promise.all([
        transaction.store.getAllKeys(),
        transaction.store.getAll() as Promise<StoredSegmentation[]>,
      ]);
      return keys.flatMap((key, i) => {
        const stored = values[i];
        return typeof key === 'string' && stored?.formatVersion === FORMAT_VERSION
          ? [{ seriesKey: key, segments: stored.segments }]
          : [];
      });
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
      // 'strict': committed only once flushed to disk, so an OS crash or power cut after
      // the commit keeps it too (Chromium's default, relaxed, survives a killed browser
      // but not that). It costs ≈ 0.5 ms per save, off the main thread.
      const transaction = (await open()).transaction(STORE, 'readwrite', {
        durability: 'strict',
      });
      await Promise.all([transaction.store.put(record, seriesKey), transaction.done]);
    },
  };
}

/**
 * Saves a session at most `delayMs` after its first unsaved change (not reset by later
 * changes, so continuous editing still saves), and at once when the page is hidden or closed:
 * a killed browser loses at most `delayMs` of edits plus the time one save takes. A failed
 * save is retried `delayMs` later (reported once until a save succeeds again), so a passing
 * failure does not leave the edits unsaved until the next one.
 */
export function scheduleAutosave(
  subscribe: (listener: () => void) => () => void,
  save: () => Promise<void>,
  onError: (error: unknown) => void,
  delayMs = 1000,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let dirty = false;
  let failing = false;
  let stopped = false;
  const markDirty = (): void => {
    dirty = true;
    timer ??= setTimeout(flush, delayMs);
  };
  const flush = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (!dirty) return;
    dirty = false;
    save().then(
      () => {
        failing = false;
      },
      (error: unknown) => {
        if (!failing) onError(error);
        failing = true;
        if (!stopped) markDirty();
      },
    );
  };
  const unsubscribe = subscribe(markDirty);
  const onHidden = (): void => {
    if (document.visibilityState === 'hidden') flush();
  };
  document.addEventListener('visibilitychange', onHidden);
  window.addEventListener('pagehide', flush);
  return () => {
    flush();
    stopped = true;
    unsubscribe();
    document.removeEventListener('visibilitychange', onHidden);
    window.removeEventListener('pagehide', flush);
  };
}
