import { describe, expect, it } from 'vitest';
import {
  buildMultipartBody,
  containsBoundary,
  createMultipartParser,
  MultipartError,
  parseContentType,
  type MultipartPart,
} from '../multipart';

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const dec = (bytes: Uint8Array): string => new TextDecoder('latin1').decode(bytes);

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Feeds `body` in chunks of `size` bytes (or the given cut points) and collects the parts. */
function parse(boundary: string, body: Uint8Array, cuts: number[] | number): MultipartPart[] {
  const parts: MultipartPart[] = [];
  const parser = createMultipartParser(boundary, (part) => parts.push(part));
  const points =
    typeof cuts === 'number'
      ? Array.from({ length: Math.ceil(body.length / cuts) }, (_, k) => k * cuts)
      : [0, ...cuts];
  points.push(body.length);
  for (let k = 0; k + 1 < points.length; k++) {
    parser.push(body.subarray(points[k], points[k + 1]));
  }
  parser.end();
  return parts;
}

describe('parseContentType', () => {
  it('reads a quoted boundary and type, lower-casing names but not values', () => {
    const ct = parseContentType(
      'Multipart/Related; Type="application/dicom"; BOUNDARY="a b;c=\\"d\\""',
    );
    expect(ct.mediaType).toBe('multipart/related');
    expect(ct.params.get('type')).toBe('application/dicom');
    expect(ct.params.get('boundary')).toBe('a b;c="d"');
  });

  it('reads unquoted parameters with spaces around separators', () => {
    const ct = parseContentType('multipart/related ;boundary=abc-123 ; type=application/dicom');
    expect(ct.params.get('boundary')).toBe('abc-123');
    expect(ct.params.get('type')).toBe('application/dicom');
  });

  it('rejects an unterminated quote and a missing media type', () => {
    expect(() => parseContentType('multipart/related; boundary="abc')).toThrow(MultipartError);
    expect(() => parseContentType('; boundary=abc')).toThrow(MultipartError);
  });
});

describe('createMultipartParser', () => {
  const boundary = 'XyZ-123';
  const body = enc(
    'this is a preamble\r\n' +
      `--${boundary}\r\nContent-Type: application/dicom\r\nContent-Length: 5\r\n\r\nfirst\r\n` +
      `--${boundary}\r\nContent-Type: application/dicom\r\n\r\nsecond\r\nwith CRLF inside\r\n\r\n` +
      `--${boundary}--\r\nthis is the epilogue\r\n--${boundary}\r\n\r\nignored\r\n`,
  );

  it('parses parts with headers, ignoring preamble and epilogue', () => {
    const parts = parse(boundary, body, [body.length]);
    expect(parts.map((p) => dec(p.body))).toEqual(['first', 'second\r\nwith CRLF inside\r\n']);
    expect(parts[0]?.headers.get('content-type')).toBe('application/dicom');
    expect(parts[0]?.headers.get('content-length')).toBe('5');
  });

  it('gives the same parts for every single cut point (delimiters split across chunks)', () => {
    const whole = parse(boundary, body, [body.length]).map((p) => dec(p.body));
    for (let cut = 1; cut < body.length; cut++) {
      expect(parse(boundary, body, [cut]).map((p) => dec(p.body))).toEqual(whole);
    }
  });

  it('gives the same parts when fed one byte at a time', () => {
    expect(parse(boundary, body, 1).map((p) => dec(p.body))).toEqual([
      'first',
      'second\r\nwith CRLF inside\r\n',
    ]);
  });

  it('accepts a body that opens with the delimiter (no preamble)', () => {
    const parts = parse('b', enc('--b\r\n\r\nonly\r\n--b--'), 3);
    expect(parts.map((p) => dec(p.body))).toEqual(['only']);
    expect(parts[0]?.headers.size).toBe(0);
  });

  it('accepts bare LF line ends and transport padding after a boundary', () => {
    const parts = parse('b', enc('--b  \nContent-Type: x/y\n\none\n--b\t\n\ntwo\n--b--'), 2);
    expect(parts.map((p) => dec(p.body))).toEqual(['one', 'two']);
    expect(parts[0]?.headers.get('content-type')).toBe('x/y');
  });

  it('keeps a CR that belongs to the body before the delimiter CRLF', () => {
    const parts = parse('b', enc('--b\r\n\r\nends in CR\r\r\n--b--\r\n'), 4);
    expect(dec(parts[0]!.body)).toBe('ends in CR\r');
  });

  it('gives an empty part an empty body', () => {
    const parts = parse('b', enc('--b\r\nContent-Type: a/b\r\n\r\n\r\n--b\r\n\r\n--b--'), 1);
    expect(parts.map((p) => p.body.length)).toEqual([0, 0]);
  });

  it('emits each part as soon as its closing delimiter has arrived', () => {
    const seen: string[] = [];
    const parser = createMultipartParser('b', (part) => seen.push(dec(part.body)));
    parser.push(enc('--b\r\n\r\none'));
    expect(seen).toEqual([]);
    parser.push(enc('\r\n--b'));
    expect(seen).toEqual(['one']);
    parser.push(enc('\r\n\r\ntwo\r\n--b--'));
    expect(seen).toEqual(['one', 'two']);
    parser.end();
  });

  it('keeps binary bodies byte-exact across many chunks (large part, buffer growth)', () => {
    const payload = new Uint8Array(300_000);
    let seed = 12345;
    for (let k = 0; k < payload.length; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      payload[k] = seed >>> 24;
    }
    const multipart = concat(
      buildMultipartBody('bnd', [
        { contentType: 'application/dicom', body: payload },
        { contentType: 'application/dicom', body: payload.subarray(7, 1000) },
      ]),
    );
    expect(containsBoundary(payload, 'bnd')).toBe(false);
    const parts = parse('bnd', multipart, 4093);
    expect(parts).toHaveLength(2);
    expect(Buffer.compare(parts[0]!.body, payload)).toBe(0);
    expect(Buffer.compare(parts[1]!.body, payload.subarray(7, 1000))).toBe(0);
  });

  it('fails with MultipartError when the close delimiter is missing (truncated body)', () => {
    const truncated = body.subarray(0, body.indexOf(enc('second')[0]!, 80));
    expect(() => parse(boundary, truncated, 7)).toThrow(/closing boundary/);
    expect(() => parse(boundary, enc('no delimiter at all'), 4)).toThrow(MultipartError);
    expect(() => parse(boundary, new Uint8Array(0), 1)).toThrow(MultipartError);
  });

  it('fails on text after a boundary on its line', () => {
    expect(() => parse('b', enc('--bogus\r\n\r\nx\r\n--b--'), 100)).toThrow(MultipartError);
  });

  it('counts every byte received, epilogue included', () => {
    const parser = createMultipartParser('b', () => undefined);
    parser.push(enc('--b\r\n\r\nx\r\n--b--'));
    parser.push(enc('epilogue'));
    expect(parser.bytesReceived).toBe(15 + 8);
  });
});
