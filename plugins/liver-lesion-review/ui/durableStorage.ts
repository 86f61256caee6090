import { openDB, type IDBPDatabase } from 'idb';

/*
 * Crash durability for what the plugin keeps in localStorage. localStorage serves the panels
 * synchronously, but Chromium writes it to disk lazily (seconds, longer once rate-limited): a
 * browser killed right after a finding was recorded lost it. Every write therefore also goes
 * to IndexedDB with 'strict' durability (on disk when the transaction completes, as the
 * segmentation autosave and the outbox do), stamped with the time of the write; when the page
 * loads, a newer IndexedDB copy replaces the localStorage value and listeners are told.
 */

const DB_NAME = 'llr-findings';
const STORE = 'records';

interface DurableValue {
  /** The localStorage value; null when the key was removed. */
  readonly json: string | null;
  readonly savedAt: number;
}

let database: Promise<IDBPDatabase> | null = null;
const openDatabase = (): Promise<IDBPDatabase> =>
  (database ??= openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore(STORE);
    },
  }));

const savedAtKey = (key: string): string => `${key}.savedAt`;
let lastStamp = 0;
/** Strictly increasing write times, so two writes in one millisecond stay ordered. */
const stamp = (): number => (lastStamp = Math.max(Date.now(), lastStamp + 1));

/** Writes a localStorage key and its durable copy (the copy asynchronously, never throwing). */
export function writeDurably(key: string, json: string | null): void {
  const savedAt = stamp();
  try {
    if (json === null) localStorage.removeItem(key);
    else localStorage.setItem(key, json);
    localStorage.setItem(savedAtKey(key), String(savedAt));
  } catch {
    // Storage full or blocked: the value still applies for this page's life.
  }
  if (typeof indexedDB === 'undefined') return;
  void openDatabase()
    .then(async (db) => {
      const transaction = db.transaction(STORE, 'readwrite', { durability: 'strict' });
      const current = (await transaction.store.get(key)) as DurableValue | undefined;
      if (!current || current.savedAt < savedAt) {
        await transaction.store.put({ json, savedAt } satisfies DurableValue, key);
      }
      await transaction.done;
    })
    .catch(() => {
      // IndexedDB unavailable (private mode, quota): localStorage alone, as before.
    });
}

/** Puts back a key's durable copy when it is newer than localStorage's; true if it did. */
async function restoreKey(db: IDBPDatabase, key: string): Promise<boolean> {
  const durable = (await db.get(STORE, key)) as DurableValue | undefined;
  const local = Number(localStorage.getItem(savedAtKey(key)) ?? 0) || 0;
  if (!durable || durable.savedAt <= local) return false;
  if (durable.json === null) localStorage.removeItem(key);
  else localStorage.setItem(key, durable.json);
  localStorage.setItem(savedAtKey(key), String(durable.savedAt));
  lastStamp = Math.max(lastStamp, durable.savedAt);
  return true;
}

const restoredListeners = new Set<(key: string) => void>();

/** Calls `listener` with each localStorage key put back from its durable copy. */
export function subscribeRestored(listener: (key: string) => void): () => void {
  restoredListeners.add(listener);
  return () => restoredListeners.delete(listener);
}

/** Puts back every durable copy newer than localStorage's; resolves with the keys. */
export async function restoreDurable(): Promise<string[]> {
  if (typeof indexedDB === 'undefined' || typeof localStorage === 'undefined') return [];
  const restored: string[] = [];
  try {
    const db = await openDatabase();
    for (const key of (await db.getAllKeys(STORE)).map(String)) {
      if (await restoreKey(db, key)) restored.push(key);
    }
  } catch {
    return restored;
  }
  for (const key of restored) for (const listener of restoredListeners) listener(key);
  return restored;
}

if (typeof window !== 'undefined') void restoreDurable();
