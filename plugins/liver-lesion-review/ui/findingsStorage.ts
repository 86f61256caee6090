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
  try {
    localStorage.setItem(keyFor(patientId), JSON.stringify(record));
  } catch {
    // Storage full or blocked: the record still applies for this page's life.
  }
}
