import {
  assembleVolume,
  groupInstances,
  parseInstance,
  type IngestErrorCode,
  type IngestResult,
  type FrameRef,
  type IngestError,
  type ParsedInstance,
  type Series,
  type Study,
  type Volume,
} from '../dicom';
import type { LoadProblem } from '../plugin-api';
import type { SourceFile } from './types';

/** One file read from its source. */
export interface ReadFile {
  readonly source: SourceFile;
  readonly bytes: Uint8Array;
}

export interface SessionError {
  /** NOT_FOUND: no such series; SOURCE_*: a released file could not be read back as it was. */
  readonly code: IngestErrorCode | 'NOT_FOUND' | 'SOURCE_UNAVAILABLE' | 'SOURCE_CHANGED';
  readonly message: string;
  readonly file?: string;
}

export type SessionResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SessionError };

export interface AssembledSeries {
  readonly study: Study;
  readonly series: Series;
  readonly volume: Volume;
}

/**
 * What the ingest worker holds: every parsed instance, with the source it came from. Image
 * files keep only their header once their series is assembled (the volume went to the main
 * thread, which keeps it), or at once for sources cheap to read again (`releaseAtParse`);
 * SEG, SR and every other object keep their bytes. Assembling a series whose files were
 * released reads them once more from their sources.
 */
export interface IngestSession {
  /** Parses one file as it arrives (its pixels may be released at once, see the options). */
  parse(file: ReadFile): void;
  /** Groups everything parsed so far (earlier files are not parsed again). */
  regroup(readProblems?: readonly LoadProblem[]): IngestResult;
  /** `parse` of each file, then `regroup`. */
  add(files: readonly ReadFile[], readProblems?: readonly LoadProblem[]): IngestResult;
  latest(): IngestResult | null;
  /** Read failures so far, then the latest ingest's rejected files. */
  problems(): LoadProblem[];
  assemble(seriesId: string): Promise<SessionResult<AssembledSeries>>;
  /** Bytes of file data held now, and the part of it that is pixel data of image files. */
  heldBytes(): { total: number; imagePixels: number };
  clear(): void;
}

interface Origin {
  readonly source: SourceFile;
  /** Length of the whole file, to check a re-read against. */
  readonly byteLength: number;
}

const PIXEL_DATA_LE = [0xe0, 0x7f, 0x10, 0x00];
const PIXEL_DATA_BE = [0x7f, 0xe0, 0x00, 0x10];

/** Offset of the PixelData tag when `elementOffset` really points at it, else null. */
function pixelDataStart(instance: ParsedInstance): number | null {
  const at = instance.pixelData?.elementOffset;
  const bytes = instance.bytes;
  if (at === undefined || at <= 0 || at + 4 > bytes.length) return null;
  const matches = (tag: number[]): boolean => tag.every((b, i) => bytes[at + i] === b);
  return matches(PIXEL_DATA_LE) || matches(PIXEL_DATA_BE) ? at : null;
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

export interface IngestSessionOptions {
  /**
   * Makes decoders ready for the transfer syntaxes of a series about to be assembled (e.g.
   * loads WebAssembly codecs on first need). Rejects with an IngestFailure-like `{ code }`.
   */
  readonly prepareDecoders?: (transferSyntaxUids: readonly string[]) => Promise<void>;
  /**
   * Whether an image file's pixels are dropped as soon as its header is parsed (and read again
   * when its series is assembled) rather than after the assembly. Default: for Blob sources,
   * which a browser keeps on disk or in its own blob store, so reading them again costs no
   * download; URL sources keep their bytes until their series is assembled.
   */
  readonly releaseAtParse?: (source: SourceFile) => boolean;
  /**
   * Reads a source synchronously (a worker's FileReaderSync for Blobs), or null when it cannot.
   * With it, assembly reads each released single-frame file just before its frame is converted
   * and drops it right after, so a series' files and its volume are never held together.
   */
  readonly readSourceSync?: (source: SourceFile) => ArrayBuffer | null;
}

const READ_AGAIN_CONCURRENCY = 8;

const failureOf = (thrown: unknown): SessionError => {
  const code = (thrown as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' ? (code as SessionError['code']) : 'DECODE_FAILED',
    message: thrown instanceof Error ? thrown.message : String(thrown),
  };
};

export function createIngestSession(
  readSource: (source: SourceFile) => Promise<ArrayBuffer>,
  options: IngestSessionOptions = {},
): IngestSession {
  let instances: ParsedInstance[] = [];
  let parseRejected: IngestResult['rejected'] = [];
  let readProblems: LoadProblem[] = [];
  let latest: IngestResult | null = null;
  let origins = new WeakMap<ParsedInstance, Origin>();
  const releaseAtParse = options.releaseAtParse ?? ((source: SourceFile) => 'blob' in source);

  const isReleased = (instance: ParsedInstance): boolean =>
    (origins.get(instance)?.byteLength ?? 0) > instance.bytes.length;

  /** Keeps only the header of an image file whose pixels are now in an assembled volume. */
  const release = (instance: ParsedInstance): void => {
    if (instance.kind !== 'image' || isReleased(instance)) return;
    const start = pixelDataStart(instance);
    // A copy, so the file's buffer itself can be collected; the header still parses alone.
    if (start !== null) instance.bytes = instance.bytes.slice(0, start);
  };

  const unavailable = (instance: ParsedInstance, thrown: unknown): SessionError => ({
    code: 'SOURCE_UNAVAILABLE',
    message: `${instance.file} could not be read again (${thrown instanceof Error ? thrown.message : String(thrown)}); open the files again`,
    file: instance.file,
  });

  /** Puts re-read bytes back after checking they are the file that was parsed. */
  const adopt = (
    instance: ParsedInstance,
    origin: Origin,
    bytes: Uint8Array,
  ): SessionError | null => {
    const header = instance.bytes;
    if (
      bytes.length !== origin.byteLength ||
      !sameBytes(bytes.subarray(0, header.length), header)
    ) {
      return {
        code: 'SOURCE_CHANGED',
        message: `${instance.file} changed since it was opened; open the files again`,
        file: instance.file,
      };
    }
    instance.bytes = bytes;
    return null;
  };

  /** Reads one released file again; a changed or vanished source is an error. */
  const restoreOne = async (instance: ParsedInstance): Promise<SessionError | null> => {
    const origin = origins.get(instance);
    if (!origin || !isReleased(instance)) return null;
    try {
      return adopt(instance, origin, new Uint8Array(await readSource(origin.source)));
    } catch (thrown) {
      return unavailable(instance, thrown);
    }
  };

  /** Released single-frame files that can be read synchronously, just in time, during assembly. */
  const readsJustInTime = (instance: ParsedInstance): boolean =>
    options.readSourceSync !== undefined && instance.numberOfFrames === 1 && isReleased(instance);

  // The error that stopped a just-in-time read (assembly only carries IngestErrors).
  let readFailure: SessionError | null = null;
  const readNow = (frame: FrameRef): SessionError | null => {
    const instance = frame.instance;
    const origin = origins.get(instance);
    if (!origin || !isReleased(instance) || !options.readSourceSync) return null;
    try {
      const buffer = options.readSourceSync(origin.source);
      if (!buffer) return unavailable(instance, new Error('not readable synchronously'));
      return adopt(instance, origin, new Uint8Array(buffer));
    } catch (thrown) {
      return unavailable(instance, thrown);
    }
  };
  const justInTime = {
    before(frame: FrameRef): IngestError | null {
      readFailure = readNow(frame);
      return readFailure ? { code: 'INVALID_ARGUMENT', message: readFailure.message } : null;
    },
    after(frame: FrameRef): void {
      if (frame.instance.numberOfFrames === 1) release(frame.instance);
    },
  };

  /** Reads the released files of a series again, a few at a time; the first error wins. */
  const restore = async (series: Series): Promise<SessionError | null> => {
    const queue = series.instances.filter((i) => isReleased(i) && !readsJustInTime(i));
    let failure: SessionError | null = null;
    const reader = async (): Promise<void> => {
      for (let next = queue.shift(); next && !failure; next = queue.shift()) {
        failure = (await restoreOne(next)) ?? failure;
      }
    };
    await Promise.all(Array.from({ length: READ_AGAIN_CONCURRENCY }, reader));
    if (failure) for (const instance of series.instances) release(instance);
    return failure;
  };

  const locate = (seriesId: string): { study: Study; series: Series } | null => {
    for (const patient of latest?.patients ?? [])
      for (const study of patient.studies)
        for (const series of study.series) if (series.id === seriesId) return { study, series };
    return null;
  };

  const session: IngestSession = {
    parse(file) {
      const parsed = parseInstance({ name: file.source.name, bytes: file.bytes });
      if (!parsed.ok) {
        parseRejected.push({ file: file.source.name, error: parsed.error });
        return;
      }
      instances.push(parsed.value);
      origins.set(parsed.value, { source: file.source, byteLength: file.bytes.length });
      if (releaseAtParse(file.source)) release(parsed.value);
    },
    regroup(problems = []) {
      readProblems.push(...problems);
      latest = groupInstances(instances, parseRejected);
      return latest;
    },
    add(files, problems = []) {
      for (const file of files) session.parse(file);
      return session.regroup(problems);
    },
    latest: () => latest,
    problems: () => [
      ...readProblems,
      ...(latest?.rejected ?? []).map(({ file, error }) => ({
        file,
        code: error.code,
        message: error.message,
      })),
    ],
    async assemble(seriesId) {
      const found = locate(seriesId);
      if (!found)
        return { ok: false, error: { code: 'NOT_FOUND', message: 'Series is not loaded' } };
      const restored = await restore(found.series);
      if (restored) return { ok: false, error: restored };
      if (options.prepareDecoders) {
        const syntaxes = [...new Set(found.series.instances.map((i) => i.transferSyntaxUid))];
        try {
          await options.prepareDecoders(syntaxes);
        } catch (thrown) {
          return { ok: false, error: failureOf(thrown) };
        }
      }
      const streaming = found.series.instances.some(readsJustInTime);
      readFailure = null;
      const result = assembleVolume(found.series, streaming ? { frameHooks: justInTime } : {});
      if (readFailure) {
        for (const instance of found.series.instances) release(instance);
        return { ok: false, error: readFailure };
      }
      for (const instance of found.series.instances) release(instance);
      if (!result.ok) return result;
      return { ok: true, value: { ...found, volume: result.value } };
    },
    heldBytes() {
      let total = 0;
      let imagePixels = 0;
      for (const instance of instances) {
        total += instance.bytes.length;
        const start = instance.kind === 'image' ? pixelDataStart(instance) : null;
        if (start !== null) imagePixels += instance.bytes.length - start;
      }
      return { total, imagePixels };
    },
    clear() {
      instances = [];
      parseRejected = [];
      readProblems = [];
      latest = null;
      origins = new WeakMap();
    },
  };
  return session;
}
