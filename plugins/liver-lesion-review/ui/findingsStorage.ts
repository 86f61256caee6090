import { openDB, type IDBPDatabase } from 'idb';
import type { Finding } from '../domain/findings/types';
import type { LabValue, TreatmentEvent } from '../domain/labs/types';
import {
  SAMPLE_KNOWN_MALIGNANCY,
  SAMPLE_LAB_VALUES,
  SAMPLE_TREATMENT_EVENTS,
} from '../domain/sampleLabs';

/** What the reader recorded for a patient: findings per date, labs, treatments. */
export interface PatientRecord {
  readonly findings: readonly Finding[];
  readonly labs: readonly LabValue[];
  readonly treatments: readonly TreatmentEvent[];
  /** A known malignancy (the rules about tumour infiltration need it); null: not recorded. */
  readonly knownMalignancy: boolean | null;
}

/** The bundled sample patient comes with seed 004's Table 1 and treatment events. */
export const SAMPLE_PATIENT_ID = 'LLR-SAMPLE-004';

function defaults(patientId: string): PatientRecord {
  return patientId === SAMPLE_PATIENT_ID
    ? {
        findings: [],
        labs: SAMPLE_LAB_VALUES,
        treatments: SAMPLE_TREATMENT_EVENTS,
        knownMalignancy: SAMPLE_KNOWN_MALIGNANCY,
      }
    : { findings: [], labs: [], treatments: [], knownMalignancy: null };
}

const keyFor = (patientId: string): string => `llr.findings.${patientId}`;

/*
 * Crash durability. localStorage serves the panels synchronously, but Chromium writes it to
 * disk lazily (seconds, longer once rate-limited): a browser killed right after a finding was
 * recorded lost it. Every save therefore also goes to IndexedDB with 'strict' durability (on
 * disk when the transaction completes, as the segmentation autosave and the outbox do), stamped
 * with the time of the save; at start a newer IndexedDB copy replaces the localStorage one.
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
/** Strictly increasing save times, so two saves in one millisecond stay ordered. */
const stamp = (): number => (lastStamp = Math.max(Date.now(), lastStamp + 1));

/** Writes a localStorage key and its durable copy (the copy asynchronously, never throwing). */
function writeKey(key: string, json: string | null): void {
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
async function restoreKey(key: string): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  try {
    const durable = (await (await openDatabase()).get(STORE, key)) as DurableValue | undefined;
    const local = Number(localStorage.getItem(savedAtKey(key)) ?? 0) || 0;
    if (!durable || durable.savedAt <= local) return false;
    if (durable.json === null) localStorage.removeItem(key);
    else localStorage.setItem(key, durable.json);
    localStorage.setItem(savedAtKey(key), String(durable.savedAt));
    lastStamp = Math.max(lastStamp, durable.savedAt);
    return true;
  } catch {
    return false;
  }
}

const FINDINGS_PREFIX = 'llr.findings.';

/**
 * Puts back every durable copy newer than localStorage's (after a browser crash) and tells the
 * panels which patients' records changed. Runs once when the page loads this module.
 */
export async function restoreDurableRecords(): Promise<string[]> {
  if (typeof indexedDB === 'undefined') return [];
  let keys: string[];
  try {
    keys = (await (await openDatabase()).getAllKeys(STORE)).map(String);
  } catch {
    return [];
  }
  const restored: string[] = [];
  for (const key of keys) {
    if ((await restoreKey(key)) && key.startsWith(FINDINGS_PREFIX))
      restored.push(key.slice(FINDINGS_PREFIX.length));
  }
  for (const patientId of restored) for (const listener of recordListeners) listener(patientId);
  return restored;
}

export function loadRecord(patientId: string): PatientRecord {
  try {
    const raw = localStorage.getItem(keyFor(patientId));
    return raw
      ? { ...defaults(patientId), ...(JSON.parse(raw) as Partial<PatientRecord>) }
      : defaults(patientId);
  } catch {
    // Unreadable or blocked storage: the defaults, rather than a broken panel.
    return defaults(patientId);
  }
}

export function saveRecord(patientId: string, record: PatientRecord): void {
  writeKey(keyFor(patientId), JSON.stringify(record));
}

// Everything in this file mirrors localStorage, which is shared by the whole page: so are the
// listeners told when a record is saved from outside a panel (e.g. an SR opened in the host).
const recordListeners = new Set<(patientId: string) => void>();

/** Calls `listener` with the patient id whenever a record is saved through saveRecord. */
export function subscribeRecords(listener: (patientId: string) => void): () => void {
  recordListeners.add(listener);
  return () => recordListeners.delete(listener);
}

/** Saves and tells the panels (saveRecord itself stays silent for the panel's own edits). */
export function saveRecordAndNotify(patientId: string, record: PatientRecord): void {
  saveRecord(patientId, record);
  for (const listener of recordListeners) listener(patientId);
}

/** What opening a report replaced, so "Undo restore" can put it back. */
export interface ReportRestoreUndo {
  readonly date: string;
  readonly reportSopInstanceUid: string;
  /** The findings of `date` before the report was opened. */
  readonly previous: readonly Finding[];
}

const undoKeyFor = (patientId: string): string => `llr.findings-restore-undo.${patientId}`;

export function loadRestoreUndo(patientId: string): ReportRestoreUndo | null {
  try {
    const raw = localStorage.getItem(undoKeyFor(patientId));
    return raw ? (JSON.parse(raw) as ReportRestoreUndo) : null;
  } catch {
    return null;
  }
}

export function saveRestoreUndo(patientId: string, undo: ReportRestoreUndo | null): void {
  writeKey(undoKeyFor(patientId), undo ? JSON.stringify(undo) : null);
}

if (typeof window !== 'undefined') void restoreDurableRecords();
