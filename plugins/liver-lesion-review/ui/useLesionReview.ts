import { useCallback, useEffect, useMemo, useState } from 'react';
import type { HostApi, PatientSummary, SegmentationSummary } from '../../../src/plugin-api';
import {
  chooseSeriesPerDate,
  readReviewTimepoints,
  segmentedSeriesOf,
  type SegmentedSeries,
} from '../adapters/readReviewTimepoints';
import {
  buildLesionReview,
  type LesionReview,
  type ReviewTimepoint,
} from '../domain/quantify/buildLesionReview';
import {
  DEFAULT_PREFERENCES,
  loadPreferences,
  savePreferences,
  subscribeRestoredPreferences,
  type ReviewPreferences,
} from './reviewPreferences';

export interface LesionReviewState {
  readonly patient: PatientSummary | null;
  readonly candidates: readonly SegmentedSeries[];
  readonly chosen: readonly SegmentedSeries[];
  readonly timepoints: readonly ReviewTimepoint[];
  readonly review: LesionReview | null;
  readonly preferences: ReviewPreferences;
  readonly busy: boolean;
  readonly error: string | null;
  setPreferences(patch: Partial<ReviewPreferences>): void;
}

const keyOf = (list: readonly SegmentationSummary[]): string =>
  list.map((s) => `${s.seriesId}@${s.revision}:${s.segments.length}`).join(',');

// Re-measure at most this often while the reader paints (a full pass costs tens of ms).
const REFRESH_DELAY_MS = 400;

/** Reads the patient's segmentations through the host and keeps the review up to date. */
export function useLesionReview(host: HostApi): LesionReviewState {
  const [patients, setPatients] = useState<readonly PatientSummary[]>(() => host.getPatients());
  const [segmentations, setSegmentations] = useState<readonly SegmentationSummary[]>([]);
  const [timepoints, setTimepoints] = useState<readonly ReviewTimepoint[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const patient = patients[0] ?? null;
  const [preferences, setPrefs] = useState<ReviewPreferences>(DEFAULT_PREFERENCES);

  useEffect(() => {
    setPrefs(patient ? loadPreferences(patient.patientId) : DEFAULT_PREFERENCES);
    if (!patient) return;
    // Choices put back from their durable copy after a browser crash.
    return subscribeRestoredPreferences((id) => {
      if (id === patient.patientId) setPrefs(loadPreferences(id));
    });
  }, [patient]);

  useEffect(() => {
    setPatients(host.getPatients());
    let timer: ReturnType<typeof setTimeout> | null = null;
    const later = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setTick((t) => t + 1), REFRESH_DELAY_MS);
    };
    const subscriptions = [
      host.on('patients-changed', (detail) => setPatients(detail.patients)),
      host.on('segmentation-changed', later),
    ];
    return () => {
      if (timer) clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
    };
  }, [host]);

  useEffect(() => {
    let live = true;
    host
      .listSegmentations()
      // Keep the same array when nothing changed, so the lesions are not measured again.
      .then(
        (list) => live && setSegmentations((prev) => (keyOf(prev) === keyOf(list) ? prev : list)),
      )
      .catch((e: unknown) => live && setError(String(e)));
    return () => {
      live = false;
    };
  }, [host, patients, tick]);

  const candidates = useMemo(
    () => (patient ? segmentedSeriesOf(patient, segmentations) : []),
    [patient, segmentations],
  );
  const chosen = useMemo(
    () =>
      chooseSeriesPerDate(
        candidates,
        preferences.modality,
        new Map(Object.entries(preferences.seriesByDate)),
      ),
    [candidates, preferences.modality, preferences.seriesByDate],
  );

  useEffect(() => {
    let live = true;
    setBusy(true);
    readReviewTimepoints(host, chosen)
      .then((result) => {
        if (!live) return;
        setTimepoints(result);
        setError(null);
      })
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [host, chosen]);

  const review = useMemo(
    () =>
      timepoints.length > 0
        ? buildLesionReview(
            timepoints,
            preferences.targetLesionIds ? { targetLesionIds: preferences.targetLesionIds } : {},
          )
        : null,
    [timepoints, preferences.targetLesionIds],
  );

  const setPreferences = useCallback(
    (patch: Partial<ReviewPreferences>) => {
      setPrefs((current) => {
        const next = { ...current, ...patch };
        if (patient) savePreferences(patient.patientId, next);
        return next;
      });
    },
    [patient],
  );

  return {
    patient,
    candidates,
    chosen,
    timepoints,
    review,
    preferences,
    busy,
    error,
    setPreferences,
  };
}
