import { subscribeRestored, writeDurably } from './durableStorage';

/** The reader's choices for one patient's review, kept in the browser across reloads. */
export interface ReviewPreferences {
  readonly modality: string;
  /** date → series id measured on that date. */
  readonly seriesByDate: Readonly<Record<string, string>>;
  /** null: the default RECIST selection (largest measurable lesions at baseline). */
  readonly targetLesionIds: readonly string[] | null;
  /** lesion id → Couinaud segment (I … VIII, IVa, IVb) as recorded by the reader. */
  readonly couinaud: Readonly<Record<string, string>>;
}

export const DEFAULT_PREFERENCES: ReviewPreferences = {
  modality: 'CT',
  seriesByDate: {},
  targetLesionIds: null,
  couinaud: {},
};

const PREFIX = 'llr.review.';
const keyFor = (patientId: string): string => `${PREFIX}${patientId}`;

/** Calls `listener` with the patient id when that patient's choices were put back after a crash. */
export function subscribeRestoredPreferences(listener: (patientId: string) => void): () => void {
  return subscribeRestored((key) => {
    if (key.startsWith(PREFIX)) listener(key.slice(PREFIX.length));
  });
}

export function loadPreferences(patientId: string): ReviewPreferences {
  try {
    const raw = localStorage.getItem(keyFor(patientId));
    if (!raw) return DEFAULT_PREFERENCES;
    const parsed = JSON.parse(raw) as Partial<ReviewPreferences>;
    return { ...DEFAULT_PREFERENCES, ...parsed };
  } catch {
    // Unreadable or blocked storage: start from the defaults rather than fail the panel.
    return DEFAULT_PREFERENCES;
  }
}

export function savePreferences(patientId: string, preferences: ReviewPreferences): void {
  // Also kept durably: the choices survive a killed browser.
  writeDurably(keyFor(patientId), JSON.stringify(preferences));
}

/** Couinaud liver segments, in the order radiologists list them. */
export const COUINAUD_SEGMENTS = [
  'I',
  'II',
  'III',
  'IVa',
  'IVb',
  'V',
  'VI',
  'VII',
  'VIII',
] as const;
