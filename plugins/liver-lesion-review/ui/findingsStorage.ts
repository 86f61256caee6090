import type { Finding } from '../domain/findings/types';
import type { LabValue, TreatmentEvent } from '../domain/labs/types';
import {
  SAMPLE_KNOWN_MALIGNANCY,
  SAMPLE_LAB_VALUES,
  SAMPLE_TREATMENT_EVENTS,
} from '../domain/sampleLabs';
import { subscribeRestored, writeDurably } from './durableStorage';

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

const FINDINGS_PREFIX = 'llr.findings.';
const keyFor = (patientId: string): string => `${FINDINGS_PREFIX}${patientId}`;

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
  writeDurably(keyFor(patientId), JSON.stringify(record));
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
  writeDurably(undoKeyFor(patientId), undo ? JSON.stringify(undo) : null);
}

// After a browser crash, a record put back from its durable copy reloads the panels.
subscribeRestored((key) => {
  if (!key.startsWith(FINDINGS_PREFIX)) return;
  const patientId = key.slice(FINDINGS_PREFIX.length);
  for (const listener of recordListeners) listener(patientId);
});
