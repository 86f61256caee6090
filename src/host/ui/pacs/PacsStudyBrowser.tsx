import { useEffect, useRef, useState, type FormEvent } from 'react';
import { describeDicomWebFailure } from '../../../datasource/dicomweb/outboxRetry';
import type { DicomWebClient, SeriesRecord, StudyRecord } from '../../../datasource/dicomweb/types';
import type { PacsSeriesChoice } from './loadFromPacs';
import {
  formatDicomDate,
  groupByPatient,
  toStudyQuery,
  type PatientStudies,
  type SeriesListing,
  type StudySearchForm,
  type StudySelection,
} from './studyGroups';
import { PacsSeriesList } from './PacsSeriesList';

const MODALITIES = ['CT', 'MR', 'PT', 'US', 'SEG', 'SR'];
const EMPTY_FORM: StudySearchForm = {
  patientName: '',
  patientId: '',
  dateFrom: '',
  dateTo: '',
  modality: '',
};
/** Patients whose other studies are looked up after a search. */
const MAX_PATIENTS_EXPANDED = 10;

type Message = { readonly text: string; readonly error: boolean };

const describeStudy = (study: StudyRecord): string =>
  [formatDicomDate(study.studyDate), study.modalities.join('/'), study.studyDescription]
    .filter(Boolean)
    .join(' ');

interface PacsStudyBrowserProps {
  readonly client: DicomWebClient;
  /** Opens the chosen series (the dialog closes; loading shows its progress in the header). */
  readonly onOpen: (series: readonly PacsSeriesChoice[]) => void;
}

/**
 * QIDO-RS study browser: search by patient name or ID, date range and modality; every patient
 * found is listed with all their studies; pick studies (or single series) and open them.
 */
export function PacsStudyBrowser({ client, onOpen }: PacsStudyBrowserProps) {
  const [form, setForm] = useState<StudySearchForm>(EMPTY_FORM);
  const [groups, setGroups] = useState<readonly PatientStudies[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [opening, setOpening] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);
  const [listings, setListings] = useState<ReadonlyMap<string, SeriesListing>>(new Map());
  const [selection, setSelection] = useState<StudySelection>(new Map());
  const search = useRef<AbortController | null>(null);

  useEffect(() => () => search.current?.abort(), []);

  const field = (key: keyof StudySearchForm) => ({
    value: form[key],
    onChange: (e: { currentTarget: { value: string } }) => {
      const value = e.currentTarget.value;
      setForm((f) => ({ ...f, [key]: value }));
    },
  });

  const runSearch = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    search.current?.abort();
    const controller = new AbortController();
    search.current = controller;
    setSearching(true);
    setMessage(null);
    try {
      const matched = await client.searchStudies(toStudyQuery(form), controller.signal);
      const patientIds = [...new Set(matched.map((s) => s.patientId))].filter(Boolean);
      const others = new Map<string, readonly StudyRecord[]>();
      const missed: string[] = [];
      await Promise.all(
        patientIds.slice(0, MAX_PATIENTS_EXPANDED).map(async (id) => {
          try {
            others.set(id, await client.studiesOfPatient(id, controller.signal));
          } catch (error) {
            if (controller.signal.aborted) throw error;
            missed.push(`${id}: ${describeDicomWebFailure(error)}`);
          }
        }),
      );
      if (search.current !== controller) return;
      const found = groupByPatient(matched, others);
      setGroups(found);
      setSelection(new Map());
      setMessage(
        missed.length > 0
          ? { text: `Other studies could not be listed for ${missed.join('; ')}`, error: true }
          : {
              text:
                found.length === 0
                  ? 'No study matches the search.'
                  : `${matched.length} matching stud${matched.length === 1 ? 'y' : 'ies'} of ${found.length} patient(s).`,
              error: false,
            },
      );
    } catch (error) {
      if (search.current !== controller) return;
      setMessage(
        controller.signal.aborted
          ? { text: 'Search cancelled.', error: false }
          : { text: `Search failed: ${describeDicomWebFailure(error)}`, error: true },
      );
    } finally {
      if (search.current === controller) {
        search.current = null;
        setSearching(false);
      }
    }
  };

  const loadSeries = async (studyUid: string): Promise<readonly SeriesRecord[] | null> => {
    const known = listings.get(studyUid);
    if (known?.status === 'ok') return known.series;
    setListings((m) => new Map(m).set(studyUid, { status: 'loading' }));
    try {
      const series = await client.searchSeries(studyUid);
      setListings((m) => new Map(m).set(studyUid, { status: 'ok', series }));
      return series;
    } catch (error) {
      const text = describeDicomWebFailure(error);
      setListings((m) => new Map(m).set(studyUid, { status: 'error', message: text }));
      return null;
    }
  };

  const openSelected = async (): Promise<void> => {
    if (!groups) return;
    setOpening(true);
    setMessage(null);
    const studies = groups
      .flatMap((g) => g.studies)
      .filter((s) => selection.has(s.studyInstanceUid));
    const chosen: PacsSeriesChoice[] = [];
    const failed: string[] = [];
    for (const study of studies) {
      const series = await loadSeries(study.studyInstanceUid);
      const picked = selection.get(study.studyInstanceUid);
      if (!series) {
        failed.push(describeStudy(study));
        continue;
      }
      for (const s of series)
        if (picked === 'all' || picked?.has(s.seriesInstanceUid))
          chosen.push({ ...s, studyDate: study.studyDate });
    }
    setOpening(false);
    if (failed.length > 0) {
      setMessage({
        text: `The series of ${failed.join(', ')} could not be listed; nothing was opened.`,
        error: true,
      });
      return;
    }
    if (chosen.length === 0) {
      setMessage({ text: 'The selected studies have no series.', error: true });
      return;
    }
    onOpen(chosen);
  };

  const toggleStudy = (uid: string, on: boolean): void =>
    setSelection((current) => {
      const next = new Map(current);
      if (on) next.set(uid, 'all');
      else next.delete(uid);
      return next;
    });

  const selectedCount = selection.size;
  return (
    <div className="pacs-browser">
      <form className="pacs-search" aria-label="Find studies" onSubmit={(e) => void runSearch(e)}>
        <label>
          Patient name
          <input type="text" {...field('patientName')} placeholder="starts with; * wildcard" />
        </label>
        <label>
          Patient ID
          <input type="text" {...field('patientId')} />
        </label>
        <label>
          Study date from
          <input type="date" {...field('dateFrom')} />
        </label>
        <label>
          Study date to
          <input type="date" {...field('dateTo')} />
        </label>
        <label>
          Modality
          <select {...field('modality')}>
            <option value="">Any</option>
            {MODALITIES.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <div className="pacs-row">
          <button type="submit" disabled={searching}>
            {searching ? 'Searching…' : 'Search'}
          </button>
          {searching && (
            <button type="button" onClick={() => search.current?.abort()}>
              Cancel search
            </button>
          )}
        </div>
      </form>
      {message && <p role={message.error ? 'alert' : 'status'}>{message.text}</p>}
      {groups?.map((group) => {
        const name = group.patientName || 'Unnamed patient';
        return (
          <section
            key={group.patientId}
            className="pacs-patient"
            aria-label={`Patient ${name} (${group.patientId})`}
          >
            <h3>
              {name} <span className="muted">({group.patientId})</span>{' '}
              <button
                type="button"
                onClick={() =>
                  setSelection((current) => {
                    const next = new Map(current);
                    for (const s of group.studies) next.set(s.studyInstanceUid, 'all');
                    return next;
                  })
                }
              >
                Select all studies of {name}
              </button>
            </h3>
            <ul aria-label={`Studies of ${name}`}>
              {group.studies.map((study) => {
                const label = describeStudy(study);
                const picked = selection.get(study.studyInstanceUid);
                const listing = listings.get(study.studyInstanceUid);
                return (
                  <li key={study.studyInstanceUid} className={study.matched ? '' : 'other-study'}>
                    <label>
                      <input
                        type="checkbox"
                        checked={picked !== undefined}
                        ref={(el) => {
                          if (el) el.indeterminate = picked !== undefined && picked !== 'all';
                        }}
                        onChange={(e) =>
                          toggleStudy(study.studyInstanceUid, e.currentTarget.checked)
                        }
                      />
                      {label}
                    </label>{' '}
                    <span className="muted">
                      {study.numberOfSeries ?? '?'} series, {study.numberOfInstances ?? '?'}{' '}
                      image(s)
                      {study.matched ? '' : ' · other study of this patient'}
                    </span>{' '}
                    <PacsSeriesList
                      studyLabel={label}
                      listing={listing}
                      picked={picked}
                      onExpand={() => void loadSeries(study.studyInstanceUid)}
                      onPick={(next) =>
                        setSelection((current) => {
                          const copy = new Map(current);
                          if (next === null) copy.delete(study.studyInstanceUid);
                          else copy.set(study.studyInstanceUid, next);
                          return copy;
                        })
                      }
                    />
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
      {groups && groups.length > 0 && (
        <div className="pacs-row">
          <button
            type="button"
            disabled={selectedCount === 0 || opening}
            onClick={() => void openSelected()}
          >
            {opening
              ? 'Listing series…'
              : `Open selected (${selectedCount} stud${selectedCount === 1 ? 'y' : 'ies'})`}
          </button>
        </div>
      )}
    </div>
  );
}
