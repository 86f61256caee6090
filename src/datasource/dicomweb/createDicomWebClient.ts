import {
  asDataset,
  asDatasetArray,
  DicomJsonError,
  numberValue,
  stringValue,
  stringValues,
  type DicomJsonDataset,
} from './dicomJson';
import {
  buildMultipartBody,
  containsBoundary,
  createMultipartParser,
  MultipartError,
  parseContentType,
  type MultipartPart,
} from './multipart';
import { buildQueryString, checkStudyQuery, studyDateRange } from './qidoQuery';
import {
  openRequest,
  readText,
  resolveConfig,
  type FetchLike,
  type OpenResponse,
  type ResolvedConfig,
} from './request';
import { isStoreResponse, storeResultsFromResponse } from './stow';
import {
  DicomWebError,
  type DicomWebClient,
  type DicomWebConfig,
  type RetrieveProgress,
  type SeriesRecord,
  type StoreResult,
  type StudyQuery,
  type StudyRecord,
} from './types';

const DICOM_JSON = 'application/dicom+json';
// `transfer-syntax=*`: the stored bytes, untranscoded (fast, and byte-identical to what was sent).
const ACCEPT_PART10_AS_STORED = 'multipart/related; type="application/dicom"; transfer-syntax=*';
const ACCEPT_PART10 = 'multipart/related; type="application/dicom"';
/** Attributes StudyRecord needs that a server may leave out by default (PS3.18 §10.6.1.2). */
const STUDY_FIELDS = ['00081030', '00080061', '00201206', '00201208', '00080030'];
const SERIES_FIELDS = ['0008103E', '00200011', '00201209'];

const TAG = {
  studyDate: '00080020',
  studyTime: '00080030',
  modalitiesInStudy: '00080061',
  modality: '00080060',
  studyDescription: '00081030',
  seriesDescription: '0008103E',
  patientName: '00100010',
  patientId: '00100020',
  studyInstanceUid: '0020000D',
  seriesInstanceUid: '0020000E',
  seriesNumber: '00200011',
  numberOfStudySeries: '00201206',
  numberOfStudyInstances: '00201208',
  numberOfSeriesInstances: '00201209',
} as const;

/** The client plus a bulk data reader (a BulkDataURI / RetrieveURL may point anywhere). */
export interface DicomWebClientWithBulkData extends DicomWebClient {
  /**
   * Fetches a BulkDataURI (or any URL the server handed out). Relative URIs resolve against
   * the DICOMweb root; the token goes only to the configured origin, never elsewhere.
   */
  retrieveBulkData(uri: string, signal?: AbortSignal): Promise<Uint8Array>;
}

type SeriesRef = Pick<SeriesRecord, 'studyInstanceUid' | 'seriesInstanceUid'>;

function malformed(what: string, error: unknown): DicomWebError {
  const detail = error instanceof Error ? error.message : String(error);
  return new DicomWebError(
    'MALFORMED_RESPONSE',
    `${what}: the PACS's answer is unreadable (${detail}).`,
  );
}

function toStudyRecord(dataset: DicomJsonDataset, index: number): StudyRecord {
  const studyInstanceUid = stringValue(dataset, TAG.studyInstanceUid);
  if (!studyInstanceUid) throw new DicomJsonError(`study ${index} has no StudyInstanceUID`);
  return {
    studyInstanceUid,
    patientName: stringValue(dataset, TAG.patientName),
    patientId: stringValue(dataset, TAG.patientId),
    studyDate: stringValue(dataset, TAG.studyDate),
    studyDescription: stringValue(dataset, TAG.studyDescription),
    modalities: stringValues(dataset, TAG.modalitiesInStudy),
    numberOfSeries: numberValue(dataset, TAG.numberOfStudySeries),
    numberOfInstances: numberValue(dataset, TAG.numberOfStudyInstances),
  };
}

function toSeriesRecord(dataset: DicomJsonDataset, index: number, study: string): SeriesRecord {
  const seriesInstanceUid = stringValue(dataset, TAG.seriesInstanceUid);
  if (!seriesInstanceUid) throw new DicomJsonError(`series ${index} has no SeriesInstanceUID`);
  return {
    studyInstanceUid: stringValue(dataset, TAG.studyInstanceUid) || study,
    seriesInstanceUid,
    modality: stringValue(dataset, TAG.modality),
    seriesNumber: numberValue(dataset, TAG.seriesNumber),
    seriesDescription: stringValue(dataset, TAG.seriesDescription),
    numberOfInstances: numberValue(dataset, TAG.numberOfSeriesInstances),
  };
}

/** A UID as it may appear in a URL path: digits and dots only (PS3.5 §9.1). */
function checkUid(uid: string, what: string): string {
  if (!/^[0-9]+(\.[0-9]+)*$/.test(uid) || uid.length > 64) {
    throw new DicomWebError('BAD_CONFIG', `${what} "${uid.slice(0, 80)}" is not a DICOM UID.`);
  }
  return uid;
}

function isPart10(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 &&
    bytes[129] === 0x49 &&
    bytes[130] === 0x43 &&
    bytes[131] === 0x4d
  );
}

/** The boundary and checks of a multipart/related answer. */
function multipartBoundary(response: Response, expectedType: string): string {
  const header = response.headers.get('content-type');
  if (!header) throw new MultipartError('the answer has no Content-Type');
  const contentType = parseContentType(header);
  if (contentType.mediaType !== 'multipart/related') {
    throw new MultipartError(`expected multipart/related, got ${contentType.mediaType}`);
  }
  const type = contentType.params.get('type');
  if (type !== undefined && type.toLowerCase() !== expectedType) {
    throw new MultipartError(`expected parts of type ${expectedType}, got ${type}`);
  }
  const boundary = contentType.params.get('boundary');
  if (!boundary) throw new MultipartError('the multipart Content-Type has no boundary');
  return boundary;
}

/**
 * Streams a multipart answer through the parser: `onPart` runs as soon as each part is
 * complete. The idle time limit restarts on every chunk.
 */
async function streamParts(
  open: OpenResponse,
  boundary: string,
  what: string,
  onPart: (part: MultipartPart, bytesSoFar: number) => void,
  onBytes?: (bytes: number) => void,
): Promise<void> {
  const body = open.response.body;
  if (!body) throw new DicomWebError('MALFORMED_RESPONSE', `${what}: the answer has no body.`);
  let bytes = 0;
  const parser = createMultipartParser(boundary, (part) => onPart(part, bytes));
  const reader = body.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw open.toError(error, `${what} (while receiving)`);
      }
      if (chunk.done) break;
      open.touch();
      bytes += chunk.value.length;
      parser.push(chunk.value);
      onBytes?.(bytes);
    }
    parser.end();
  } catch (error) {
    // Stop the transfer (e.g. a part that is not DICOM, or the caller cancelled).
    reader.cancel().catch(() => undefined);
    if (error instanceof DicomWebError) throw error;
    if (error instanceof MultipartError) throw malformed(what, error);
    throw error;
  } finally {
    open.finish();
  }
}

function randomBoundary(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `liver-review-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * A DICOMweb client (QIDO-RS, WADO-RS, STOW-RS; PS3.18) for one server. Every failure is a
 * DicomWebError with a code. `fetchImpl` is injectable for tests and workers.
 */
export function createDicomWebClient(
  config: DicomWebConfig,
  fetchImpl: FetchLike = (input, init) => fetch(input, init),
): DicomWebClientWithBulkData {
  let resolved: ResolvedConfig | null = null;
  const settings = (): ResolvedConfig => (resolved ??= resolveConfig(config));

  async function getJson(path: string, what: string, signal?: AbortSignal): Promise<unknown> {
    const cfg = settings();
    const open = await openRequest(
      cfg,
      fetchImpl,
      `${cfg.root}${path}`,
      { headers: { Accept: DICOM_JSON } },
      what,
      signal,
    );
    const text = await readText(open, what);
    // QIDO-RS: 204 No Content, or an empty body, means no match.
    if (open.response.status === 204 || text.trim() === '') return [];
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw malformed(what, error);
    }
  }

  async function searchStudies(query: StudyQuery, signal?: AbortSignal): Promise<StudyRecord[]> {
    const problem = checkStudyQuery(query);
    if (problem) throw new DicomWebError('BAD_CONFIG', `Study search: ${problem}.`);
    const queryString = buildQueryString([
      ['PatientName', query.patientName],
      ['PatientID', query.patientId],
      ['StudyDate', studyDateRange(query.studyDateFrom, query.studyDateTo)],
      ['ModalitiesInStudy', query.modality],
      ['limit', query.limit],
      ['includefield', STUDY_FIELDS.join(',')],
    ]);
    const what = 'Study search';
    const json = await getJson(`/studies?${queryString}`, what, signal);
    try {
      return asDatasetArray(json, 'studies').map(toStudyRecord);
    } catch (error) {
      throw malformed(what, error);
    }
  }

  async function studiesOfPatient(patientId: string, signal?: AbortSignal): Promise<StudyRecord[]> {
    if (!patientId.trim()) throw new DicomWebError('BAD_CONFIG', 'No patient ID given.');
    const studies = await searchStudies({ patientId }, signal);
    // QIDO matches * and ? in the ID as wildcards: keep the patient's own studies only.
    return studies
      .filter((study) => study.patientId === patientId.trim())
      .sort((a, b) => (a.studyDate < b.studyDate ? 1 : a.studyDate > b.studyDate ? -1 : 0));
  }

  async function searchSeries(
    studyInstanceUid: string,
    signal?: AbortSignal,
  ): Promise<SeriesRecord[]> {
    const study = checkUid(studyInstanceUid, 'StudyInstanceUID');
    const what = 'Series search';
    const queryString = buildQueryString([['includefield', SERIES_FIELDS.join(',')]]);
    const json = await getJson(`/studies/${study}/series?${queryString}`, what, signal);
    try {
      return asDatasetArray(json, 'series')
        .map((dataset, index) => toSeriesRecord(dataset, index, study))
        .sort(
          (a, b) =>
            (a.seriesNumber ?? Number.MAX_SAFE_INTEGER) -
            (b.seriesNumber ?? Number.MAX_SAFE_INTEGER),
        );
    } catch (error) {
      throw malformed(what, error);
    }
  }

  function seriesPath(series: SeriesRef): string {
    const study = checkUid(series.studyInstanceUid, 'StudyInstanceUID');
    const uid = checkUid(series.seriesInstanceUid, 'SeriesInstanceUID');
    return `/studies/${study}/series/${uid}`;
  }

  const retrieveSeries: DicomWebClient['retrieveSeries'] = async (series, options = {}) => {
    const cfg = settings();
    const url = `${cfg.root}${seriesPath(series)}`;
    const what = 'Series retrieval';
    const { signal, onProgress, onInstance } = options;
    const total = options.expectedInstances ?? null;
    let open: OpenResponse;
    try {
      open = await openRequest(
        cfg,
        fetchImpl,
        url,
        { headers: { Accept: ACCEPT_PART10_AS_STORED } },
        what,
        signal,
      );
    } catch (error) {
      // A server that cannot send "as stored" says 406: ask for its default transfer syntax.
      if (!(error instanceof DicomWebError && error.status === 406)) throw error;
      open = await openRequest(
        cfg,
        fetchImpl,
        url,
        { headers: { Accept: ACCEPT_PART10 } },
        what,
        signal,
      );
    }
    let boundary: string;
    try {
      boundary = multipartBoundary(open.response, 'application/dicom');
    } catch (error) {
      open.finish();
      open.response.body?.cancel().catch(() => undefined);
      throw malformed(what, error);
    }
    const files: { name: string; blob: Blob }[] = [];
    let lastProgressAt = 0;
    let bytes = 0;
    const report = (force: boolean): void => {
      const now = Date.now();
      if (!onProgress || (!force && now - lastProgressAt < 100)) return;
      lastProgressAt = now;
      onProgress({ done: files.length, total, bytes } satisfies RetrieveProgress);
    };
    const digits = String(Math.max(total ?? 0, 9999)).length;
    await streamParts(
      open,
      boundary,
      what,
      (part) => {
        const type = part.headers.get('content-type');
        if (type !== undefined && parseContentType(type).mediaType !== 'application/dicom') {
          throw new MultipartError(`part ${files.length + 1} is ${type}, not application/dicom`);
        }
        if (!isPart10(part.body)) {
          throw new MultipartError(`part ${files.length + 1} is not a DICOM Part 10 file`);
        }
        const name = `dicomweb/${series.seriesInstanceUid}/${String(files.length + 1).padStart(digits, '0')}.dcm`;
        const file = {
          name,
          blob: new Blob([part.body as Uint8Array<ArrayBuffer>], { type: 'application/dicom' }),
        };
        files.push(file);
        onInstance?.(file);
        report(true);
      },
      (received) => {
        bytes = received;
        report(false);
      },
    );
    report(true);
    return files;
  };

  async function retrieveSeriesMetadata(
    series: SeriesRef,
    signal?: AbortSignal,
  ): Promise<DicomJsonDataset[]> {
    const what = 'Series metadata';
    const json = await getJson(`${seriesPath(series)}/metadata`, what, signal);
    try {
      return asDatasetArray(json, 'metadata');
    } catch (error) {
      throw malformed(what, error);
    }
  }

  async function store(
    files: ReadonlyArray<{ readonly sopInstanceUid: string; readonly bytes: Uint8Array }>,
    signal?: AbortSignal,
  ): Promise<StoreResult[]> {
    if (files.length === 0) return [];
    const cfg = settings();
    const what = 'Storing on the PACS';
    let boundary = randomBoundary();
    while (files.some((file) => containsBoundary(file.bytes, boundary)))
      boundary = randomBoundary();
    const chunks = buildMultipartBody(
      boundary,
      files.map((file) => ({ contentType: 'application/dicom', body: file.bytes })),
    );
    const open = await openRequest(
      cfg,
      fetchImpl,
      `${cfg.root}/studies`,
      {
        method: 'POST',
        headers: {
          'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
          Accept: DICOM_JSON,
        },
        body: new Blob(chunks as Uint8Array<ArrayBuffer>[], { type: 'multipart/related' }),
      },
      what,
      signal,
      // A refused request may still carry the per-object answer (one bad part → 400, the rest stored).
      [400, 409, 415, 422],
    );
    const status = open.response.status;
    const text = await readText(open, what);
    let parsed: DicomJsonDataset | null;
    try {
      parsed = text.trim() ? asDataset(JSON.parse(text), 'STOW-RS response') : null;
    } catch {
      parsed = null;
    }
    if (parsed && isStoreResponse(parsed)) return storeResultsFromResponse(files, parsed, status);
    if (status === 200) {
      // 200 means every object was stored (PS3.18 §10.5.3), even without a readable body.
      return files.map((file) => ({
        sopInstanceUid: file.sopInstanceUid,
        ok: true,
        message: 'stored (HTTP 200; the PACS sent no per-object answer)',
      }));
    }
    if (open.response.ok) {
      throw new DicomWebError(
        'MALFORMED_RESPONSE',
        `${what}: the PACS answered HTTP ${status} without a readable per-object answer.`,
      );
    }
    const detail = text.replace(/\s+/g, ' ').trim().slice(0, 300);
    throw new DicomWebError(
      'HTTP_ERROR',
      `${what}: the PACS answered HTTP ${status}${detail ? `: ${detail}` : ''}`,
      status,
    );
  }

  async function retrieveBulkData(uri: string, signal?: AbortSignal): Promise<Uint8Array> {
    const cfg = settings();
    const what = 'Bulk data retrieval';
    let url: string;
    try {
      url = new URL(uri, `${cfg.root}/`).href;
    } catch {
      throw new DicomWebError(
        'MALFORMED_RESPONSE',
        `${what}: "${uri.slice(0, 100)}" is not a URL.`,
      );
    }
    const open = await openRequest(
      cfg,
      fetchImpl,
      url,
      {
        headers: {
          Accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*',
        },
      },
      what,
      signal,
    );
    const header = open.response.headers.get('content-type') ?? '';
    if (!header.toLowerCase().startsWith('multipart/')) {
      try {
        return new Uint8Array(await open.response.arrayBuffer());
      } catch (error) {
        throw open.toError(error, what);
      } finally {
        open.finish();
      }
    }
    let boundary: string;
    try {
      boundary = parseContentType(header).params.get('boundary') ?? '';
      if (!boundary) throw new MultipartError('the multipart Content-Type has no boundary');
    } catch (error) {
      open.finish();
      throw malformed(what, error);
    }
    let first: Uint8Array | null = null;
    await streamParts(open, boundary, what, (part) => {
      first ??= part.body;
    });
    if (!first) throw new DicomWebError('MALFORMED_RESPONSE', `${what}: the answer has no part.`);
    return first;
  }

  return {
    config,
    searchStudies,
    studiesOfPatient,
    searchSeries,
    retrieveSeries,
    retrieveSeriesMetadata,
    store,
    retrieveBulkData,
  };
}
