import type { SeriesRecord, StudyQuery, StudyRecord } from '../../../datasource/dicomweb/types';

/** Series of a study as the browser knows them. */
export type SeriesListing =
  | { readonly status: 'loading' }
  | { readonly status: 'ok'; readonly series: readonly SeriesRecord[] }
  | { readonly status: 'error'; readonly message: string };

/** Per selected study: every series, or the chosen ones. */
export type StudySelection = ReadonlyMap<string, 'all' | ReadonlySet<string>>;

/** One patient of a search, with the studies that matched and their other studies. */
export interface PatientStudies {
  readonly patientId: string;
  readonly patientName: string;
  /** Oldest first; `matched` is false for the patient's other studies. */
  readonly studies: ReadonlyArray<StudyRecord & { readonly matched: boolean }>;
}

/** What the search form holds, as typed. Dates are `YYYY-MM-DD` (date inputs). */
export interface StudySearchForm {
  readonly patientName: string;
  readonly patientId: string;
  readonly dateFrom: string;
  readonly dateTo: string;
  readonly modality: string;
}

/**
 * The QIDO-RS query of a search form: empty fields are left out, dates become `YYYYMMDD`, and a
 * patient name without a wildcard matches names starting with it (`SMITH` → `SMITH*`).
 */
export function toStudyQuery(form: StudySearchForm, limit = 200): StudyQuery {
  const name = form.patientName.trim();
  const id = form.patientId.trim();
  const from = form.dateFrom.replaceAll('-', '');
  const to = form.dateTo.replaceAll('-', '');
  return {
    ...(name ? { patientName: /[*?]/.test(name) ? name : `${name}*` } : {}),
    ...(id ? { patientId: id } : {}),
    ...(from ? { studyDateFrom: from } : {}),
    ...(to ? { studyDateTo: to } : {}),
    ...(form.modality ? { modality: form.modality } : {}),
    limit,
  };
}

/**
 * Groups matched studies by patient and adds each patient's other studies (so a search for one
 * date still lists the July, August and October studies together), oldest first.
 */
export function groupByPatient(
  matched: readonly StudyRecord[],
  others: ReadonlyMap<string, readonly StudyRecord[]>,
): PatientStudies[] {
  const patients = new Map<
    string,
    { name: string; studies: Map<string, StudyRecord & { matched: boolean }> }
  >();
  for (const study of matched) {
    const entry = patients.get(study.patientId) ?? { name: study.patientName, studies: new Map() };
    entry.studies.set(study.studyInstanceUid, { ...study, matched: true });
    patients.set(study.patientId, entry);
  }
  for (const [patientId, studies] of others) {
    const entry = patients.get(patientId);
    if (!entry) continue;
    for (const study of studies)
      if (!entry.studies.has(study.studyInstanceUid))
        entry.studies.set(study.studyInstanceUid, { ...study, matched: false });
  }
  return [...patients].map(([patientId, entry]) => ({
    patientId,
    patientName: entry.name,
    studies: [...entry.studies.values()].sort(
      (a, b) =>
        a.studyDate.localeCompare(b.studyDate) ||
        a.studyInstanceUid.localeCompare(b.studyInstanceUid),
    ),
  }));
}

/** `YYYYMMDD` as `YYYY-MM-DD` for people (anything else as it is). */
export const formatDicomDate = (date: string): string =>
  /^\d{8}$/.test(date)
    ? `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6, 8)}`
    : date || 'undated';
