import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import type { HostApi, PatientSummary, SeriesSelection } from '../../../src/plugin-api';
import type { Finding } from '../domain/findings/types';
import { loadRecord, saveRecord, subscribeRecords, type PatientRecord } from './findingsStorage';
import {
  readPatternInputs,
  readResponses,
  subscribeResponses,
  type PatternInputs,
} from './sharedReview';

export interface FindingsState {
  readonly patient: PatientSummary | null;
  readonly record: PatientRecord;
  readonly displayed: SeriesSelection | null;
  /** The study date of the displayed series: where new findings are recorded. */
  readonly displayedDate: string | null;
  readonly responses: ReturnType<typeof readResponses>;
  /** Lesion and liver volumes of each segmented date (from the lesion review). */
  readonly patternInputs: readonly PatternInputs[];
  update(patch: Partial<PatientRecord>): void;
  /** Replaces the finding with the same id, or adds it. */
  putFinding(finding: Finding): void;
  removeFinding(id: string): void;
}

const EMPTY: PatientRecord = { findings: [], labs: [], treatments: [], knownMalignancy: null };

export function useFindings(host: HostApi): FindingsState {
  const [patients, setPatients] = useState(() => host.getPatients());
  const [displayed, setDisplayed] = useState(() => host.getDisplayed());
  const patient = patients[0] ?? null;
  const [record, setRecord] = useState<PatientRecord>(EMPTY);
  const responses = useSyncExternalStore(
    (listener) => subscribeResponses(host, listener),
    () => readResponses(host),
  );
  const patternInputs = useSyncExternalStore(
    (listener) => subscribeResponses(host, listener),
    () => readPatternInputs(host),
  );

  useEffect(() => {
    setRecord(patient ? loadRecord(patient.patientId) : EMPTY);
    if (!patient) return;
    // A record saved from outside the panel (an SR opened in the viewer, its undo) reloads.
    return subscribeRecords((id) => {
      if (id === patient.patientId) setRecord(loadRecord(id));
    });
  }, [patient]);
  useEffect(() => {
    setPatients(host.getPatients());
    setDisplayed(host.getDisplayed());
    const subscriptions = [
      host.on('patients-changed', (d) => setPatients(d.patients)),
      host.on('series-displayed', (d) => setDisplayed(d.selection)),
    ];
    return () => subscriptions.forEach((s) => s.dispose());
  }, [host]);

  const update = useCallback(
    (patch: Partial<PatientRecord>) =>
      setRecord((current) => {
        const next = { ...current, ...patch };
        if (patient) saveRecord(patient.patientId, next);
        return next;
      }),
    [patient],
  );
  const putFinding = useCallback(
    (finding: Finding) =>
      setRecord((current) => {
        const next = {
          ...current,
          findings: [...current.findings.filter((f) => f.id !== finding.id), finding],
        };
        if (patient) saveRecord(patient.patientId, next);
        return next;
      }),
    [patient],
  );
  const removeFinding = useCallback(
    (id: string) =>
      setRecord((current) => {
        const next = { ...current, findings: current.findings.filter((f) => f.id !== id) };
        if (patient) saveRecord(patient.patientId, next);
        return next;
      }),
    [patient],
  );

  const displayedDate =
    displayed && patient
      ? (patient.studies.find((s) => s.studyInstanceUid === displayed.series.studyInstanceUid)
          ?.date ?? null)
      : null;
  return {
    patient,
    record,
    displayed,
    displayedDate,
    responses,
    patternInputs,
    update,
    putFinding,
    removeFinding,
  };
}
