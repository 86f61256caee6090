/**
 * multipart/related (RFC 2046 §5.1, RFC 2387) as DICOMweb uses it: an incremental parser that
 * hands out each part as soon as its closing delimiter has arrived, and the Content-Type
 * parameter reader. Pure: no DOM, no fetch.
 */

/** A failure to read a multipart body or its Content-Type. */
export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MultipartError';
  }
}

export interface ContentType {
  /** Lower-cased `type/subtype`. */
  readonly mediaType: string;
  /** Parameters by lower-cased name, quotes and escapes removed. */
  readonly params: ReadonlyMap<string, string>;
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;

/** Reads `type/subtype; name=value; name="quoted \"value\""` (RFC 9110 §8.3.1). */
export function parseContentType(header: string): ContentType {
  let i = 0;
  const n = header.length;
  const skipSpace = (): void => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < n && TOKEN.test(header[i] ?? '')) i++;
    return header.slice(start, i);
  };
  skipSpace();
  const mediaType = header.slice(i, header.indexOf(';') === -1 ? n : header.indexOf(';')).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(mediaType)) {
    throw new MultipartError(`Not a media type: "${header}"`);
  }
  i += header.slice(i).indexOf(mediaType) + mediaType.length;
  const params = new Map<string, string>();
  for (;;) {
    skipSpace();
    if (i >= n) break;
    if (header[i] !== ';') throw new MultipartError(`Unexpected "${header[i]}" in "${header}"`);
    i++;
    skipSpace();
    if (i >= n) break;
    const name = readToken().toLowerCase();
    if (!name || header[i] !== '=') throw new MultipartError(`Bad parameter in "${header}"`);
    i++;
    let value = '';
    if (header[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const c = header[i++];
        if (c === '\\' && i < n) value += header[i++];
        else if (c === '"') {
          closed = true;
          break;
        } else value += c;
      }
      if (!closed) throw new MultipartError(`Unterminated quoted string in "${header}"`);
    } else {
      // Leniently up to the next ";": servers send `type=application/dicom` unquoted ("/" is no token char).
      const startValue = i;
      while (i < n && header[i] !== ';') i++;
      value = header.slice(startValue, i).trim();
      if (!value) throw new MultipartError(`Empty parameter value in "${header}"`);
    }
    if (!params.has(name)) params.set(name, value);
  }
  return { mediaType: mediaType.toLowerCase(), params };
}

export interface MultipartPart {
  /** Header fields by lower-cased name. */
  readonly headers: ReadonlyMap<string, string>;
  /** The part's body (a copy: it stays valid after later chunks). */
  readonly body: Uint8Array;
}

export interface MultipartParser {
  /** Feeds the next bytes; parts completed by them are handed to `onPart` before it returns. */
  push(chunk: Uint8Array): void;
  /** The body has ended: throws `MultipartError` unless the close delimiter was seen. */
  end(): void;
  /** Bytes taken so far. */
  readonly bytesReceived: number;
}

type State = 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'done';

const CR = 0x0d;
const LF = 0x0a;
const HYPHEN = 0x2d;
const MAX_HEADER_BYTES = 64 * 1024;

function asciiBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k) & 0xff;
  return bytes;
}

/** Index of `needle` in `haystack[from, to)`, or -1. */
function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, from: number, to: number): number {
  const first = needle[0];
  const last = to - needle.length;
  for (let k = haystack.indexOf(first ?? 0, from); k !== -1 && k <= last;) {
    let match = true;
    for (let m = 1; m < needle.length; m++) {
      if (haystack[k + m] !== needle[m]) {
        match = false;
        break;
      }
    }
    if (match) return k;
    k = haystack.indexOf(first ?? 0, k + 1);
  }
  return -1;
}

function parseHeaders(bytes: Uint8Array): Map<string, string> {
  const headers = new Map<string, string>();
  const text = new TextDecoder('latin1').decode(bytes);
  for (const line of text.split(/\r?\n/)) {
    if (!line) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError(`Bad part header line "${line.slice(0, 80)}"`);
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

/**
 * An incremental multipart parser for `boundary`. Delimiters are found across chunk borders;
 * the preamble and epilogue are ignored; lines may end in CRLF or (leniently) bare LF.
 * Memory: the unfinished part only (a growing buffer, amortised O(1) per byte).
 */
export function createMultipartParser(
  boundary: string,
  onPart: (part: MultipartPart) => void,
): MultipartParser {
  if (!boundary || boundary.length > 200) {
    throw new MultipartError('The multipart boundary is empty or longer than 200 characters');
  }
  // "\n--boundary": a preceding CR, when present, belongs to the delimiter too.
  const delimiter = asciiBytes(`\n--${boundary}`);
  // A virtual LF before the first byte lets a body that opens with "--boundary" match too.
  let buffer = new Uint8Array(64 * 1024);
  buffer[0] = LF;
  let length = 1;
  // Start of the unconsumed bytes; where the next search may start.
  let start = 0;
  let searchFrom = 0;
  let state: State = 'preamble';
  let headers: Map<string, string> = new Map();
  let received = 0;

  const append = (chunk: Uint8Array): void => {
    if (length + chunk.length > buffer.length) {
      // Keep one byte before `start`: an empty part's delimiter may begin there.
      const base = Math.max(0, start - 1);
      const live = length - base;
      let capacity = buffer.length;
      while (live + chunk.length > capacity) capacity *= 2;
      const next = capacity === buffer.length ? buffer : new Uint8Array(capacity);
      next.set(buffer.subarray(base, length), 0);
      buffer = next;
      start -= base;
      searchFrom = Math.max(0, searchFrom - base);
      length = live;
    }
    buffer.set(chunk, length);
    length += chunk.length;
  };

  /** Runs the state machine over the buffered bytes; returns when it needs more. */
  const advance = (): void => {
    for (;;) {
      if (state === 'done') {
        start = length;
        return;
      }
      if (state === 'preamble') {
        const at = indexOfBytes(buffer, delimiter, Math.max(start, searchFrom), length);
        if (at === -1) {
          searchFrom = Math.max(start, length - delimiter.length + 1);
          return;
        }
        start = at + delimiter.length;
        state = 'afterDelimiter';
        continue;
      }
      if (state === 'afterDelimiter') {
        if (length - start < 2) return;
        if (buffer[start] === HYPHEN && buffer[start + 1] === HYPHEN) {
          state = 'done';
          continue;
        }
        // Transport padding (spaces, tabs), then the line end.
        let k = start;
        while (k < length && (buffer[k] === 0x20 || buffer[k] === 0x09)) k++;
        if (k >= length) return;
        if (buffer[k] === CR) {
          if (k + 1 >= length) return;
          if (buffer[k + 1] !== LF)
            throw new MultipartError('A boundary line does not end in CRLF');
          k += 2;
        } else if (buffer[k] === LF) k += 1;
        else throw new MultipartError('Text follows a boundary on its line');
        start = k;
        searchFrom = k;
        state = 'headers';
        continue;
      }
      if (state === 'headers') {
        // An empty header block: the body starts right after the boundary line.
        if (length - start >= 1 && buffer[start] === LF) {
          headers = new Map();
          start += 1;
          searchFrom = start - 1;
          state = 'body';
          continue;
        }
        if (length - start >= 2 && buffer[start] === CR && buffer[start + 1] === LF) {
          headers = new Map();
          start += 2;
          searchFrom = start - 1;
          state = 'body';
          continue;
        }
        let end = -1;
        let k = buffer.indexOf(LF, Math.max(start, searchFrom));
        while (k !== -1 && k < length) {
          // A blank line: LF LF or LF CR LF.
          if (buffer[k + 1] === LF && k + 1 < length) {
            end = k + 2;
            break;
          }
          if (buffer[k + 1] === CR && buffer[k + 2] === LF && k + 2 < length) {
            end = k + 3;
            break;
          }
          k = buffer.indexOf(LF, k + 1);
        }
        if (end === -1 || end > length) {
          if (length - start > MAX_HEADER_BYTES) {
            throw new MultipartError('A part header block is longer than 64 KiB');
          }
          searchFrom = Math.max(start, length - 2);
          return;
        }
        headers = parseHeaders(buffer.subarray(start, end));
        start = end;
        searchFrom = end - 1;
        state = 'body';
        continue;
      }
      // state === 'body': the part ends at the next delimiter.
      const at = indexOfBytes(buffer, delimiter, Math.max(0, searchFrom), length);
      if (at === -1) {
        searchFrom = Math.max(start - 1, length - delimiter.length + 1);
        return;
      }
      // An empty body directly after the headers: the delimiter's LF can be the header block's.
      const bodyEnd = at > start && buffer[at - 1] === CR ? at - 1 : Math.max(at, start);
      onPart({ headers, body: buffer.slice(start, bodyEnd) });
      start = at + delimiter.length;
      searchFrom = start;
      state = 'afterDelimiter';
    }
  };

  return {
    push(chunk) {
      if (chunk.length === 0) return;
      received += chunk.length;
      if (state === 'done') return;
      append(chunk);
      advance();
    },
    end() {
      if (state !== 'done') {
        throw new MultipartError(
          state === 'preamble'
            ? 'The multipart body has no boundary delimiter'
            : 'The multipart body ended before its closing boundary (truncated?)',
        );
      }
    },
    get bytesReceived() {
      return received;
    },
  };
}

/** Builds a multipart/related body of `parts` (each with its own Content-Type) for `boundary`. */
export function buildMultipartBody(
  boundary: string,
  parts: ReadonlyArray<{ readonly contentType: string; readonly body: Uint8Array }>,
): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (const part of parts) {
    chunks.push(asciiBytes(`--${boundary}\r\nContent-Type: ${part.contentType}\r\n\r\n`));
    chunks.push(part.body);
    chunks.push(asciiBytes('\r\n'));
  }
  chunks.push(asciiBytes(`--${boundary}--\r\n`));
  return chunks;
}

/** True when `boundary` occurs in `bytes` (a body must not contain its own delimiter). */
export function containsBoundary(bytes: Uint8Array, boundary: string): boolean {
  const needle = asciiBytes(`--${boundary}`);
  return indexOfBytes(bytes, needle, 0, bytes.length) !== -1;
}
