import { describe, expect, it } from 'vitest';
import { createDicomWebClient } from '../createDicomWebClient';
import { parseDeploymentConfig } from '../deploymentConfig';
import { encodeQidoValue, studyDateRange } from '../qidoQuery';
import { storeResultsFromResponse } from '../stow';
import { DicomWebError } from '../types';

/** A fetch that records requests and answers from a list. */
function fakeFetch(answer: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const impl = (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return Promise.resolve(answer(url, init));
  };
  return { calls, impl };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/dicom+json' },
  });

describe('encodeQidoValue', () => {
  it('keeps ^ , * - ? . literal and turns unsafe characters into the ? wildcard', () => {
    expect(encodeQidoValue('SMITH^J*')).toBe('SMITH^J*');
    expect(encodeQidoValue('CT,MR')).toBe('CT,MR');
    expect(encodeQidoValue('20240801-20241231')).toBe('20240801-20241231');
    expect(encodeQidoValue('O BRIEN&CO=1#%+')).toBe('O?BRIEN?CO?1???');
    expect(encodeQidoValue('MÜLLER')).toBe('M?LLER');
  });
});

describe('studyDateRange', () => {
  it('writes closed, open-ended and single-date ranges (PS3.4 C.2.2.2.5)', () => {
    expect(studyDateRange('20240101', '20241231')).toBe('20240101-20241231');
    expect(studyDateRange('20240101', undefined)).toBe('20240101-');
    expect(studyDateRange(undefined, '20241231')).toBe('-20241231');
    expect(studyDateRange('20240101', '20240101')).toBe('20240101');
    expect(studyDateRange('', ' ')).toBeUndefined();
  });
});

describe('createDicomWebClient.searchStudies', () => {
  it('sends the query with literal characters, includefield and the token', async () => {
    const fake = fakeFetch(() => json([]));
    const client = createDicomWebClient(
      { baseUrl: 'https://pacs.example/dicom-web/', bearerToken: 'tok' },
      fake.impl,
    );
    await client.searchStudies({
      patientName: 'DOE^J*',
      patientId: 'ID-1',
      studyDateFrom: '20240101',
      modality: 'CT',
      limit: 5,
    });
    const { url, init } = fake.calls[0]!;
    expect(url).toBe(
      'https://pacs.example/dicom-web/studies?PatientName=DOE^J*&PatientID=ID-1' +
        '&StudyDate=20240101-&ModalitiesInStudy=CT&limit=5' +
        '&includefield=00081030,00080061,00201206,00201208,00080030',
    );
    expect((init.headers as Record<string, string>)['Authorization']).toBe('Bearer tok');
    expect((init.headers as Record<string, string>)['Accept']).toBe('application/dicom+json');
    expect(init.credentials).toBe('omit');
  });

  it('reads PN Alphabetic, multi-valued CS and IS counts; 204 is no match', async () => {
    const study = {
      '0020000D': { vr: 'UI', Value: ['1.2.3'] },
      '00100010': { vr: 'PN', Value: [{ Alphabetic: 'DOE^JANE', Ideographic: '…' }] },
      '00100020': { vr: 'LO', Value: ['ID-1'] },
      '00080020': { vr: 'DA', Value: ['20240725'] },
      '00080061': { vr: 'CS', Value: ['CT', 'SEG'] },
      '00201206': { vr: 'IS', Value: [3] },
      '00201208': { vr: 'IS', Value: ['202'] },
    };
    const fake = fakeFetch((url) =>
      url.includes('PatientID=NONE') ? new Response(null, { status: 204 }) : json([study]),
    );
    const client = createDicomWebClient({ baseUrl: 'http://pacs/dicom-web' }, fake.impl);
    expect(await client.searchStudies({ patientId: 'ID-1' })).toEqual([
      {
        studyInstanceUid: '1.2.3',
        patientName: 'DOE^JANE',
        patientId: 'ID-1',
        studyDate: '20240725',
        studyDescription: '',
        modalities: ['CT', 'SEG'],
        numberOfSeries: 3,
        numberOfInstances: 202,
      },
    ]);
    expect(await client.searchStudies({ patientId: 'NONE' })).toEqual([]);
  });

  it('sends no Authorization header without a token', async () => {
    const fake = fakeFetch(() => json([]));
    await createDicomWebClient({ baseUrl: 'http://pacs/dicom-web' }, fake.impl).searchStudies({});
    expect(fake.calls[0]!.init.headers).not.toHaveProperty('Authorization');
  });

  it('turns a fetch TypeError into PACS_UNREACHABLE', async () => {
    const client = createDicomWebClient({ baseUrl: 'http://pacs/dicom-web' }, () =>
      Promise.reject(new TypeError('Failed to fetch')),
    );
    await expect(client.searchStudies({})).rejects.toMatchObject({
      code: 'PACS_UNREACHABLE',
      name: 'DicomWebError',
    });
  });
});

describe('createDicomWebClient.retrieveBulkData', () => {
  it('sends the token to the configured origin only', async () => {
    const fake = fakeFetch(() => new Response(new Uint8Array([1, 2, 3])));
    const client = createDicomWebClient(
      { baseUrl: 'https://pacs.example/dicom-web', bearerToken: 'tok' },
      fake.impl,
    );
    expect(await client.retrieveBulkData('bulk/1')).toEqual(new Uint8Array([1, 2, 3]));
    await client.retrieveBulkData('https://pacs.example:8443/dicom-web/bulk/2');
    await client.retrieveBulkData('https://cdn.example/bulk/3');
    await client.retrieveBulkData('http://pacs.example/dicom-web/bulk/4');
    const auth = fake.calls.map((c) => [
      c.url,
      (c.init.headers as Record<string, string>)['Authorization'] ?? null,
    ]);
    expect(auth).toEqual([
      ['https://pacs.example/dicom-web/bulk/1', 'Bearer tok'],
      // Another port, host or scheme is another origin.
      ['https://pacs.example:8443/dicom-web/bulk/2', null],
      ['https://cdn.example/bulk/3', null],
      ['http://pacs.example/dicom-web/bulk/4', null],
    ]);
  });
});

describe('createDicomWebClient.store', () => {
  it('sends one multipart/related request whose parts are the files, byte for byte', async () => {
    const fake = fakeFetch(() =>
      json({
        '00081199': {
          vr: 'SQ',
          Value: [{ '00081155': { vr: 'UI', Value: ['1.1'] } }],
        },
      }),
    );
    const client = createDicomWebClient({ baseUrl: 'http://pacs/dicom-web' }, fake.impl);
    const file = new Uint8Array([0, 1, 2, 13, 10, 45, 45, 255]);
    const results = await client.store([{ sopInstanceUid: '1.1', bytes: file }]);
    expect(results).toEqual([{ sopInstanceUid: '1.1', ok: true, message: 'stored' }]);
    const { url, init } = fake.calls[0]!;
    expect(url).toBe('http://pacs/dicom-web/studies');
    expect(init.method).toBe('POST');
    const contentType = (init.headers as Record<string, string>)['Content-Type']!;
    const boundary = /boundary=(\S+)/.exec(contentType)![1]!;
    expect(contentType).toBe(`multipart/related; type="application/dicom"; boundary=${boundary}`);
    const body = new Uint8Array(await (init.body as Blob).arrayBuffer());
    const head = new TextEncoder().encode(
      `--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`,
    );
    const tail = new TextEncoder().encode(`\r\n--${boundary}--\r\n`);
    expect(body).toEqual(new Uint8Array([...head, ...file, ...tail]));
  });

  it('throws HTTP_ERROR for a refusal without a per-object answer', async () => {
    const client = createDicomWebClient({ baseUrl: 'http://pacs/dicom-web' }, () =>
      Promise.resolve(new Response('Forbidden', { status: 403 })),
    );
    const error = await client
      .store([{ sopInstanceUid: '1.1', bytes: new Uint8Array(4) }])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DicomWebError);
    expect(error).toMatchObject({ code: 'HTTP_ERROR', status: 403 });
  });
});

describe('storeResultsFromResponse', () => {
  it('gives each file its own outcome: stored, stored with a warning, refused, unconfirmed', () => {
    const response = {
      '00081199': {
        vr: 'SQ',
        Value: [
          { '00081155': { vr: 'UI', Value: ['1.1'] } },
          {
            '00081155': { vr: 'UI', Value: ['1.2'] },
            '00081196': { vr: 'US', Value: [0xb000] },
          },
        ],
      },
      '00081198': {
        vr: 'SQ',
        Value: [
          {
            '00081155': { vr: 'UI', Value: ['1.3'] },
            '00081197': { vr: 'US', Value: [0xa900] },
          },
          { '00081155': { vr: 'UI', Value: ['1.5'] }, '00081197': { vr: 'US', Value: [0x0122] } },
        ],
      },
    };
    const files = ['1.1', '1.2', '1.3', '1.4', '1.5'].map((sopInstanceUid) => ({ sopInstanceUid }));
    expect(storeResultsFromResponse(files, response, 202)).toEqual([
      { sopInstanceUid: '1.1', ok: true, message: 'stored' },
      {
        sopInstanceUid: '1.2',
        ok: true,
        message: 'stored; some values were coerced (WarningReason 0xB000)',
      },
      {
        sopInstanceUid: '1.3',
        ok: false,
        message: 'not stored: data set does not match the SOP class (FailureReason 0xA900)',
      },
      {
        sopInstanceUid: '1.4',
        ok: false,
        message: 'not stored: the PACS answered HTTP 202 and did not confirm this object',
      },
      {
        sopInstanceUid: '1.5',
        ok: false,
        message: 'not stored: SOP class not supported (FailureReason 0x0122)',
      },
    ]);
  });
});

describe('parseDeploymentConfig', () => {
  it('reads the DICOMweb URL and time limit, falling back on anything unusable', () => {
    expect(
      parseDeploymentConfig({ dicomWeb: { baseUrl: ' https://pacs/dw ', timeoutMs: 5000 } }),
    ).toEqual({ dicomWeb: { baseUrl: 'https://pacs/dw', timeoutMs: 5000 } });
    expect(parseDeploymentConfig({ dicomWeb: { baseUrl: 7, timeoutMs: -1 } })).toEqual({
      dicomWeb: { baseUrl: '/dicom-web', timeoutMs: null },
    });
    expect(parseDeploymentConfig(null)).toEqual({
      dicomWeb: { baseUrl: '/dicom-web', timeoutMs: null },
    });
  });
});
