import { openDB, type IDBPDatabase } from 'idb';
import type { OutboxEntry, OutboxStore } from './outbox';

// A database of its own: the autosave database is opened at version 1 elsewhere, and adding a
// store to it would need a version bump both sides agree on.
const DB_NAME = 'liver-lesion-review-outbox';
const STORE = 'entries';
const FORMAT_VERSION = 1;

type StoredEntry = OutboxEntry & { readonly formatVersion: number };

const isEntry = (value: unknown): value is StoredEntry => {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<StoredEntry>;
  return (
    v.formatVersion === FORMAT_VERSION &&
    typeof v.id === 'string' &&
    typeof v.serverUrl === 'string' &&
    typeof v.sopInstanceUid === 'string' &&
    v.bytes instanceof Uint8Array
  );
};

/**
 * The outbox in IndexedDB, with persistent storage requested. Every write is committed with
 * 'strict' durability (flushed to disk before it resolves, as autosave does), so an object the
 * user sent survives a reload, a killed browser and a power cut.
 */
export function createIdbOutboxStore(): OutboxStore {
  let db: Promise<IDBPDatabase> | null = null;
  const open = (): Promise<IDBPDatabase> => {
    if (!db) {
      void navigator.storage?.persist?.().catch(() => false);
      db = openDB(DB_NAME, 1, {
        upgrade(database) {
          database.createObjectStore(STORE, { keyPath: 'id' });
        },
      });
      db.catch(() => {
        db = null;
      });
    }
    return db;
  };
  return {
    async list() {
      const values: unknown[] = await (await open()).getAll(STORE);
      return values.filter(isEntry).map(({ formatVersion: _version, ...entry }) => entry);
    },
    async put(entry) {
      const record: StoredEntry = { ...entry, formatVersion: FORMAT_VERSION };
      const transaction = (await open()).transaction(STORE, 'readwrite', { durability: 'strict' });
      await Promise.all([transaction.store.put(record), transaction.done]);
    },
    async remove(id) {
      const transaction = (await open()).transaction(STORE, 'readwrite', { durability: 'strict' });
      await Promise.all([transaction.store.delete(id), transaction.done]);
    },
  };
}
