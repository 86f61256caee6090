/**
 * Every failure of the DICOMweb client is a typed DicomWebError with the right code: a real
 * Orthanc behind a fault-injecting proxy (node:http) gives error statuses, silence, stalls,
 * cut and reset bodies and malformed answers; a stopped Orthanc gives PACS_UNREACHABLE.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDicomWebClient,
  DicomWebError,
  type DicomWebErrorCode,
} from '../src/datasource/dicomweb';
import { startFaultProxy, type FaultProxy } from './support/faultProxy';
import {
  listFilesRecursively,
  SAMPLE_DIR,
  startOrthanc,
  uploadFiles,
  type OrthancServer,
} from './support/orthanc';

let orthanc: OrthancServer;
let proxy: FaultProxy;
let files: string[];
let ref: { studyInstanceUid: string; seriesInstanceUid: string };

beforeAll(async () => {
  files = listFilesRecursively(SAMPLE_DIR).filter((f) => f.includes('01_T1_GRE_in_phase_ax'));
  const header = dicomParser.parseDicom(new Uint8Array(readFileSync(files[0]!)), {
    untilTag: 'x7fe00010',
  });
  ref = {
    studyInstanceUid: header.string('x0020000d')!,
    seriesInstanceUid: header.string('x0020000e')!,
  };
  orthanc = await startOrthanc();
  await uploadFiles(orthanc.url, files);
  proxy = await startFaultProxy(orthanc.url);
}, 60_000);

afterAll(async () => {
  await proxy?.close();
  await orthanc?.stop();
});

const viaProxy = (timeoutMs = 5_000) =>
  createDicomWebClient({ baseUrl: `${proxy.url}/dicom-web`, timeoutMs });

async function failure(promise: Promise<unknown>): Promise<DicomWebError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DicomWebError);
    return error as DicomWebError;
  }
  throw new Error('expected a DicomWebError, got success');
}

async function expectCode(
  promise: Promise<unknown>,
  code: DicomWebErrorCode,
): Promise<DicomWebError> {
  const error = await failure(promise);
  expect(error.code, error.message).toBe(code);
  return error;
}

function withFault<T>(
  fault: Parameters<FaultProxy['setFault']>[0],
  run: () => Promise<T>,
): Promise<T> {
  proxy.setFault(fault);
  return run().finally(() => proxy.setFault(null));
}

const diskHashes = () =>
  new Set(files.map((f) => createHash('sha256').update(readFileSync(f)).digest('hex')));
const blobHash = async (blob: Blob) =>
  createHash('sha256')
    .update(new Uint8Array(await blob.arrayBuffer()))
    .digest('hex');

describe('HTTP errors', () => {
  it('an injected HTTP 500 is HTTP_ERROR with the status', async () => {
    const error = await withFault({ kind: 'status', status: 500, body: 'database locked' }, () =>
      expectCode(viaProxy().searchStudies({ patientId: 'X' }), 'HTTP_ERROR'),
    );
    expect(error.status).toBe(500);
    expect(error.message).toContain('HTTP 500');
    expect(error.message).toContain('database locked');
  });

  it("Orthanc's own 404 for an unknown series is HTTP_ERROR 404 with its explanation", async () => {
    const error = await expectCode(
      viaProxy().retrieveSeries({ studyInstanceUid: '1.2.3', seriesInstanceUid: '4.5.6' }),
      'HTTP_ERROR',
    );
    expect(error.status).toBe(404);
    expect(error.message).toMatch(/inexistent/);
  });

  it('a STOW-RS answered 503 without a per-object answer is HTTP_ERROR 503', async () => {
    const bytes = new Uint8Array(readFileSync(files[0]!));
    const error = await withFault({ kind: 'status', status: 503 }, () =>
      expectCode(viaProxy().store([{ sopInstanceUid: '2.25.1', bytes }]), 'HTTP_ERROR'),
    );
    expect(error.status).toBe(503);
  });
});

describe('time limits', () => {
  it('no answer at all is TIMEOUT within the limit', async () => {
    const started = Date.now();
    await withFault({ kind: 'hang' }, () =>
      expectCode(viaProxy(400).searchStudies({ patientId: 'X' }), 'TIMEOUT'),
    );
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(390);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('a body that stalls mid-way is TIMEOUT, after the instances that did arrive', async () => {
    const delivered: Blob[] = [];
    const started = Date.now();
    await withFault({ kind: 'stall', afterBytes: 1_000_000 }, () =>
      expectCode(
        viaProxy(500).retrieveSeries(ref, { onInstance: (f) => delivered.push(f.blob) }),
        'TIMEOUT',
      ),
    );
    expect(Date.now() - started).toBeLessThan(3_000);
    // ~130 kB per instance: several complete before the 1 MB cut, each byte-identical.
    expect(delivered.length).toBeGreaterThanOrEqual(5);
    expect(delivered.length).toBeLessThan(files.length);
    const hashes = diskHashes();
    for (const blob of delivered) expect(hashes.has(await blobHash(blob))).toBe(true);
  });

  it('the limit is per idle period: a slow body that keeps coming completes', async () => {
    const started = Date.now();
    const retrieved = await withFault({ kind: 'slow-body', delayMs: 40 }, () =>
      viaProxy(300).retrieveSeries(ref),
    );
    expect(retrieved.length).toBe(files.length);
    expect(Date.now() - started).toBeGreaterThan(300);
  });

  it('a STOW-RS the server never answers is TIMEOUT', async () => {
    const bytes = new Uint8Array(readFileSync(files[0]!));
    await withFault({ kind: 'hang' }, () =>
      expectCode(viaProxy(300).store([{ sopInstanceUid: '2.25.1', bytes }]), 'TIMEOUT'),
    );
  });
});

describe('malformed answers', () => {
  const json = (body: string) =>
    ({ kind: 'body', contentType: 'application/dicom+json', body }) as const;

  it.each([
    ['not JSON', 'this is not json'],
    ['an object, not an array', '{"00080018": {"vr": "UI", "Value": ["1.2"]}}'],
    ['keys that are not tags', '[{"SOPInstanceUID": "1.2.3"}]'],
    ['a Value that is not an array', '[{"00080018": {"vr": "UI", "Value": "1.2"}}]'],
  ])('series metadata that is %s is MALFORMED_RESPONSE', async (_name, body) => {
    await withFault(json(body), () =>
      expectCode(viaProxy().retrieveSeriesMetadata(ref), 'MALFORMED_RESPONSE'),
    );
  });

  it('a study without StudyInstanceUID is MALFORMED_RESPONSE', async () => {
    await withFault(json('[{"00100020": {"vr": "LO", "Value": ["P1"]}}]'), () =>
      expectCode(viaProxy().searchStudies({ patientId: 'P1' }), 'MALFORMED_RESPONSE'),
    );
  });

  it('a multipart body cut short (no closing boundary) is MALFORMED_RESPONSE after the complete parts', async () => {
    const delivered: Blob[] = [];
    await withFault({ kind: 'truncate', afterBytes: 700_000 }, () =>
      expectCode(
        viaProxy().retrieveSeries(ref, { onInstance: (f) => delivered.push(f.blob) }),
        'MALFORMED_RESPONSE',
      ),
    );
    expect(delivered.length).toBeGreaterThanOrEqual(3);
    expect(delivered.length).toBeLessThan(files.length);
    const hashes = diskHashes();
    for (const blob of delivered) expect(hashes.has(await blobHash(blob))).toBe(true);
  });

  it('a retrieval answered with JSON instead of multipart is MALFORMED_RESPONSE', async () => {
    await withFault(json('[]'), () =>
      expectCode(viaProxy().retrieveSeries(ref), 'MALFORMED_RESPONSE'),
    );
  });

  it('a part that is not a DICOM Part 10 file is MALFORMED_RESPONSE', async () => {
    const body = '--b\r\nContent-Type: application/dicom\r\n\r\nnot dicom\r\n--b--\r\n';
    await withFault(
      {
        kind: 'body',
        contentType: 'multipart/related; type="application/dicom"; boundary=b',
        body,
      },
      () => expectCode(viaProxy().retrieveSeries(ref), 'MALFORMED_RESPONSE'),
    );
  });

  it('a connection reset before the announced length is PACS_UNREACHABLE', async () => {
    await withFault({ kind: 'reset', afterBytes: 300_000 }, () =>
      expectCode(viaProxy().retrieveSeries(ref), 'PACS_UNREACHABLE'),
    );
  });
});

describe('cancel', () => {
  it('aborting mid-retrieval is CANCELLED, promptly', async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    const error = await withFault({ kind: 'slow-body', delayMs: 30 }, () =>
      expectCode(
        viaProxy().retrieveSeries(ref, {
          signal: controller.signal,
          onInstance: () => {
            if (abortedAt) return;
            abortedAt = Date.now();
            controller.abort();
          },
        }),
        'CANCELLED',
      ),
    );
    expect(abortedAt).toBeGreaterThan(0);
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
    expect(error.message).toMatch(/cancelled/);
  });

  it('aborting a request the server does not answer is CANCELLED, not TIMEOUT', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    await withFault({ kind: 'hang' }, () =>
      expectCode(viaProxy(5_000).searchStudies({ patientId: 'X' }, controller.signal), 'CANCELLED'),
    );
  });

  it('an already aborted signal is CANCELLED without a request', async () => {
    const before = proxy.requests.length;
    await expectCode(
      viaProxy().searchSeries(ref.studyInstanceUid, AbortSignal.abort()),
      'CANCELLED',
    );
    expect(proxy.requests.length).toBe(before);
  });
});

describe('configuration', () => {
  it.each([
    ['an ftp URL', { baseUrl: 'ftp://pacs.example/dicom-web' }],
    ['a relative URL outside a page', { baseUrl: '/dicom-web' }],
    ['credentials in the URL', { baseUrl: 'http://user:pw@127.0.0.1:1/dicom-web' }],
    [
      'a token with a line break',
      { baseUrl: 'http://127.0.0.1:1/dicom-web', bearerToken: 'a\r\nX: y' },
    ],
    ['a zero time limit', { baseUrl: 'http://127.0.0.1:1/dicom-web', timeoutMs: 0 }],
  ])('%s is BAD_CONFIG', async (_name, config) => {
    await expectCode(createDicomWebClient(config).searchStudies({}), 'BAD_CONFIG');
  });

  it('a date that is not YYYYMMDD and a UID that is not a UID are BAD_CONFIG', async () => {
    await expectCode(viaProxy().searchStudies({ studyDateFrom: '2024-08-01' }), 'BAD_CONFIG');
    await expectCode(viaProxy().searchSeries('1.2.3/../x'), 'BAD_CONFIG');
  });
});

describe('a stopped server', () => {
  it('is PACS_UNREACHABLE (direct and through a proxy that cannot reach it)', async () => {
    const direct = createDicomWebClient({ baseUrl: orthanc.dicomWebUrl, timeoutMs: 5_000 });
    expect((await direct.searchStudies({ patientId: 'X' })).length).toBe(0);
    await orthanc.stop();
    const error = await expectCode(direct.searchStudies({ patientId: 'X' }), 'PACS_UNREACHABLE');
    expect(error.message).toMatch(/ECONNREFUSED/);
    expect(error.status).toBeUndefined();
  });
});
