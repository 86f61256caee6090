/**
 * The DICOMweb data source's public contract (issue 8). The client (`createDicomWebClient`)
 * talks QIDO-RS / WADO-RS / STOW-RS to one configured server; the UI (settings, study browser,
 * outbox) only uses what is declared here.
 */

/** Where the PACS is. `baseUrl` is the DICOMweb root, e.g. `/dicom-web` (proxied) or an absolute URL. */
export interface DicomWebConfig {
  readonly baseUrl: string;
  /** Sent as `Authorization: Bearer …`, and only to `baseUrl`'s origin. */
  readonly bearerToken?: string | undefined;
  /** Per-request time limit in ms before a `TIMEOUT` error (default 30 000). */
  readonly timeoutMs?: number | undefined;
}

export type DicomWebErrorCode =
  /** Network failure: server stopped, connection refused, DNS, CORS. */
  | 'PACS_UNREACHABLE'
  /** The server answered with a non-2xx status (see `status`). */
  | 'HTTP_ERROR'
  /** No answer within `timeoutMs`. */
  | 'TIMEOUT'
  /** The user (or a newer request) cancelled. */
  | 'CANCELLED'
  /** The answer is not valid DICOM JSON / multipart / DICOM. */
  | 'MALFORMED_RESPONSE'
  /** A configuration that cannot be used (bad URL, token to a foreign origin). */
  | 'BAD_CONFIG';

/** Every failure of the client is one of these: a code, a message for people, the HTTP status where there was one. */
export class DicomWebError extends Error {
  constructor(
    readonly code: DicomWebErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'DicomWebError';
  }
}

/** QIDO-RS study search. Empty fields are not sent. Dates are `YYYYMMDD`. */
export interface StudyQuery {
  readonly patientName?: string;
  readonly patientId?: string;
  readonly studyDateFrom?: string;
  readonly studyDateTo?: string;
  /** ModalitiesInStudy, e.g. `CT`, `MR`. */
  readonly modality?: string;
  readonly limit?: number;
}

export interface StudyRecord {
  readonly studyInstanceUid: string;
  readonly patientName: string;
  readonly patientId: string;
  readonly studyDate: string;
  readonly studyDescription: string;
  readonly modalities: readonly string[];
  readonly numberOfSeries: number | null;
  readonly numberOfInstances: number | null;
}

export interface SeriesRecord {
  readonly studyInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly modality: string;
  readonly seriesNumber: number | null;
  readonly seriesDescription: string;
  readonly numberOfInstances: number | null;
}

export interface RetrieveProgress {
  /** Instances received so far. */
  readonly done: number;
  /** Instances expected (from QIDO), when known. */
  readonly total: number | null;
  readonly bytes: number;
}

/** One object sent with STOW-RS and what the server said about it. */
export interface StoreResult {
  readonly sopInstanceUid: string;
  readonly ok: boolean;
  /** For people: "stored", or why not (HTTP status, failure reason from the response). */
  readonly message: string;
}

export interface DicomWebClient {
  readonly config: DicomWebConfig;
  searchStudies(query: StudyQuery, signal?: AbortSignal): Promise<readonly StudyRecord[]>;
  /** The patient's studies (all dates), newest first. */
  studiesOfPatient(patientId: string, signal?: AbortSignal): Promise<readonly StudyRecord[]>;
  searchSeries(studyInstanceUid: string, signal?: AbortSignal): Promise<readonly SeriesRecord[]>;
  /**
   * WADO-RS: the series' instances as Part 10 files (Blobs), delivered one by one as they
   * arrive (`onInstance`) so loading can start before the last one; resolves with all of them.
   */
  retrieveSeries(
    series: Pick<SeriesRecord, 'studyInstanceUid' | 'seriesInstanceUid'>,
    options?: {
      readonly signal?: AbortSignal;
      readonly onProgress?: (progress: RetrieveProgress) => void;
      readonly onInstance?: (file: { readonly name: string; readonly blob: Blob }) => void;
      readonly expectedInstances?: number | null;
    },
  ): Promise<ReadonlyArray<{ readonly name: string; readonly blob: Blob }>>;
  /** WADO-RS series metadata (DICOM JSON), checked to be an array of objects. */
  retrieveSeriesMetadata(
    series: Pick<SeriesRecord, 'studyInstanceUid' | 'seriesInstanceUid'>,
    signal?: AbortSignal,
  ): Promise<ReadonlyArray<Record<string, unknown>>>;
  /** STOW-RS of Part 10 files; one result per file. Network / HTTP failures throw DicomWebError. */
  store(
    files: ReadonlyArray<{ readonly sopInstanceUid: string; readonly bytes: Uint8Array }>,
    signal?: AbortSignal,
  ): Promise<readonly StoreResult[]>;
}
