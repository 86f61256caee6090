/**
 * The DICOMweb client against a real Orthanc (Debian's orthanc + orthanc-dicomweb) holding the
 * bundled sample patient. Expected values come from the files on disk (read with dicom-parser),
 * never from the client: studies, series and counts; byte-identical retrieval; the same
 * voxels after ingest as from the local files; STOW-RS of a SEG written by our writer.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleVolume, ingestFiles, type Series } from '../src/dicom';
import { describeSegSource, writeSegmentation } from '../src/dicom/seg';
import {
  createDicomWebClient,
  createDicomWebDataSource,
  type RetrieveProgress,
} from '../src/datasource/dicomweb';
import { ensureDciodvfy, validateDicomFile } from './support/dciodvfy';
import { startFaultProxy, type FaultProxy } from './support/faultProxy';
import {
  listFilesRecursively,
  SAMPLE_DIR,
  startOrthanc,
  uploadFiles,
  type OrthancServer,
} from './support/orthanc';

interface DiskInstance {
  path: string;
  patientId: string;
  patientName: string;
  studyUid: string;
  studyDate: string;
  seriesUid: string;
  seriesDescription: string;
  modality: string;
  sopUid: string;
}

function readHeader(path: string): DiskInstance {
  const bytes = new Uint8Array(readFileSync(path));
  const ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
  const s = (tag: string): string => (ds.string(tag) ?? '').trim();
  return {
    path,
    patientId: s('x00100020'),
    patientName: s('x00100010'),
    studyUid: s('x0020000d'),
    studyDate: s('x00080020'),
    seriesUid: s('x0020000e'),
    seriesDescription: s('x0008103e'),
    modality: s('x00080060'),
    sopUid: s('x00080018'),
  };
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function volumeDigest(series: Series): string {
  const volume = assembleVolume(series);
  if (!volume.ok) throw new Error(volume.error.message);
  const { data, geometry } = volume.value;
  const hash = createHash('sha256');
  hash.update(JSON.stringify(geometry));
  hash.update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  return hash.digest('hex');
}

let orthanc: OrthancServer;
let disk: DiskInstance[];
const scratch = mkdtempSync(join(tmpdir(), 'pacs-dicomweb-'));

beforeAll(async () => {
  const files = listFilesRecursively(SAMPLE_DIR).filter((f) => f.endsWith('.dcm'));
  disk = files.map(readHeader);
  orthanc = await startOrthanc();
  await uploadFiles(orthanc.url, files);
}, 120_000);

afterAll(async () => {
  await orthanc?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

const client = () => createDicomWebClient({ baseUrl: orthanc.dicomWebUrl });

function studiesOnDisk(filter: (i: DiskInstance) => boolean = () => true) {
  const byStudy = new Map<string, DiskInstance[]>();
  for (const instance of disk.filter(filter)) {
    byStudy.set(instance.studyUid, [...(byStudy.get(instance.studyUid) ?? []), instance]);
  }
  return byStudy;
}

/** The studies (by UID) that have at least one instance matching `filter`. */
const studyUidsWhere = (filter: (i: DiskInstance) => boolean): string[] =>
  [...new Set(disk.filter(filter).map((i) => i.studyUid))].sort();

describe('searchStudies (QIDO-RS)', () => {
  it('finds the sample patient by name with a trailing wildcard and a literal ^', async () => {
    const found = await client().searchStudies({ patientName: 'SAMPLE^LIV*' });
    expect(found.map((s) => s.studyInstanceUid).sort()).toEqual(
      studyUidsWhere((i) => i.patientName === 'SAMPLE^LIVER'),
    );
    expect(found.length).toBe(4);
    for (const study of found) expect(study.patientName).toBe('SAMPLE^LIVER');
  });

  it('matches a space in the name as the one-character wildcard, never an empty %20 match', async () => {
    const found = await client().searchStudies({ patientName: 'SAMPLE LIVER' });
    expect(found.length).toBe(4);
  });

  it('finds no study for a name that does not match', async () => {
    expect(await client().searchStudies({ patientName: 'NOBODY^*' })).toEqual([]);
  });

  it('finds the studies by PatientID with the fields StudyRecord needs', async () => {
    const found = await client().searchStudies({ patientId: 'LLR-SAMPLE-004' });
    const truth = studiesOnDisk((i) => i.patientId === 'LLR-SAMPLE-004');
    expect(found.map((s) => s.studyInstanceUid).sort()).toEqual([...truth.keys()].sort());
    for (const study of found) {
      const instances = truth.get(study.studyInstanceUid)!;
      expect(study.patientId).toBe('LLR-SAMPLE-004');
      expect(study.studyDate).toBe(instances[0]!.studyDate);
      expect(study.numberOfInstances).toBe(instances.length);
      expect(study.numberOfSeries).toBe(new Set(instances.map((i) => i.seriesUid)).size);
      expect([...study.modalities].sort()).toEqual(
        [...new Set(instances.map((i) => i.modality))].sort(),
      );
      expect(study.studyDescription).not.toBe('');
    }
  });

  it('filters by a StudyDate range, an open-ended range and one date', async () => {
    const c = client();
    const inRange = (from: string, to: string) =>
      studyUidsWhere((i) => i.studyDate >= from && i.studyDate <= to);
    const range = await c.searchStudies({ studyDateFrom: '20240801', studyDateTo: '20241231' });
    expect(range.map((s) => s.studyInstanceUid).sort()).toEqual(inRange('20240801', '20241231'));
    expect(range.length).toBe(2);
    const from = await c.searchStudies({ studyDateFrom: '20240726' });
    expect(from.map((s) => s.studyInstanceUid).sort()).toEqual(inRange('20240726', '99999999'));
    const to = await c.searchStudies({ studyDateTo: '20240725' });
    expect(to.map((s) => s.studyInstanceUid).sort()).toEqual(inRange('00000000', '20240725'));
    const one = await c.searchStudies({ studyDateFrom: '20240812', studyDateTo: '20240812' });
    expect(one.map((s) => s.studyDate)).toEqual(['20240812']);
  });

  it('filters by modality in study, alone and combined with a date range', async () => {
    const c = client();
    const mr = await c.searchStudies({ modality: 'MR' });
    expect(mr.map((s) => s.studyInstanceUid).sort()).toEqual(
      studyUidsWhere((i) => i.modality === 'MR'),
    );
    expect(mr.length).toBe(1);
    const ct = await c.searchStudies({ modality: 'CT', studyDateFrom: '20240801' });
    expect(ct.map((s) => s.studyInstanceUid).sort()).toEqual(
      studyUidsWhere((i) => i.modality === 'CT' && i.studyDate >= '20240801'),
    );
  });

  it('honours limit', async () => {
    expect((await client().searchStudies({ patientName: '*', limit: 2 })).length).toBe(2);
  });
});

describe('studiesOfPatient', () => {
  it('returns the three CT dates and the MR date, newest first', async () => {
    const studies = await client().studiesOfPatient('LLR-SAMPLE-004');
    const truth = studiesOnDisk((i) => i.patientId === 'LLR-SAMPLE-004');
    const dates = [...truth.values()]
      .map((instances) => instances[0]!.studyDate)
      .sort()
      .reverse();
    expect(studies.map((s) => s.studyDate)).toEqual(dates);
    expect(dates).toEqual(['20241007', '20240812', '20240726', '20240725']);
    const ctDates = studies.filter((s) => s.modalities.includes('CT')).map((s) => s.studyDate);
    expect(ctDates).toEqual(['20241007', '20240812', '20240725']);
    expect(studies.filter((s) => s.modalities.includes('MR')).map((s) => s.studyDate)).toEqual([
      '20240726',
    ]);
  });

  it('does not return another patient whose ID only matches as a wildcard', async () => {
    expect(await client().studiesOfPatient('LLR-SAMPLE-00*')).toEqual([]);
  });
});

describe('searchSeries', () => {
  it('lists every series of a study with modality, description and instance count, by number', async () => {
    const studyUid = disk.find((i) => i.studyDate === '20240725' && i.modality === 'CT')!.studyUid;
    const series = await client().searchSeries(studyUid);
    const truth = new Map<string, DiskInstance[]>();
    for (const i of disk.filter((d) => d.studyUid === studyUid)) {
      truth.set(i.seriesUid, [...(truth.get(i.seriesUid) ?? []), i]);
    }
    expect(series.map((s) => s.seriesInstanceUid).sort()).toEqual([...truth.keys()].sort());
    for (const s of series) {
      const instances = truth.get(s.seriesInstanceUid)!;
      expect(s.studyInstanceUid).toBe(studyUid);
      expect(s.modality).toBe(instances[0]!.modality);
      expect(s.seriesDescription).toBe(instances[0]!.seriesDescription);
      expect(s.numberOfInstances).toBe(instances.length);
    }
    const numbers = series.map((s) => s.seriesNumber ?? Infinity);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });
});

describe('retrieveSeries (WADO-RS) and the DataSource adapter', () => {
  const ctSeries = () => {
    const first = disk.find((i) => i.studyDate === '20240812' && i.modality === 'CT')!;
    return { studyInstanceUid: first.studyUid, seriesInstanceUid: first.seriesUid };
  };

  it('returns the stored Part 10 bytes of every instance, delivering each before the end', async () => {
    const ref = ctSeries();
    const onDisk = disk.filter((i) => i.seriesUid === ref.seriesInstanceUid);
    const diskBytes = onDisk.map((i) => readFileSync(i.path));
    const totalBytes = diskBytes.reduce((n, b) => n + b.length, 0);
    const progress: RetrieveProgress[] = [];
    const bytesAtInstance: number[] = [];
    const files = await client().retrieveSeries(ref, {
      expectedInstances: onDisk.length,
      onProgress: (p) => progress.push(p),
      onInstance: () => bytesAtInstance.push(progress.at(-1)?.bytes ?? 0),
    });
    expect(files.length).toBe(onDisk.length);
    const got = await Promise.all(
      files.map(async (f) => sha256(new Uint8Array(await f.blob.arrayBuffer()))),
    );
    expect(got.sort()).toEqual(diskBytes.map((b) => sha256(b)).sort());
    // Streaming: the first instance arrived when only a small part of the body had.
    expect(bytesAtInstance[0]!).toBeLessThan(totalBytes / 4);
    const last = progress.at(-1)!;
    expect(last.done).toBe(onDisk.length);
    expect(last.total).toBe(onDisk.length);
    // The multipart framing adds a little to the Part 10 bytes.
    expect(last.bytes).toBeGreaterThan(totalBytes);
    expect(last.bytes).toBeLessThan(totalBytes + 300 * onDisk.length);
    const dones = progress.map((p) => p.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
  });

  it('ingests into the same volume, voxel for voxel, as the local files', async () => {
    const ref = ctSeries();
    const source = createDicomWebDataSource(client(), [ref]);
    const sourceFiles = await source.listFiles();
    const remote = ingestFiles(
      await Promise.all(
        sourceFiles.map(async (f) => {
          if (!('blob' in f)) throw new Error('expected blobs');
          return { name: f.name, bytes: new Uint8Array(await f.blob.arrayBuffer()) };
        }),
      ),
    );
    const local = ingestFiles(
      disk
        .filter((i) => i.seriesUid === ref.seriesInstanceUid)
        .map((i) => ({ name: i.path, bytes: new Uint8Array(readFileSync(i.path)) })),
    );
    const pick = (r: typeof remote) =>
      r.patients[0]!.studies[0]!.series.find((s) => s.kind === 'volume')!;
    expect(remote.rejected).toEqual([]);
    const remoteSeries = pick(remote);
    expect(remoteSeries.frames.length).toBe(pick(local).frames.length);
    expect(volumeDigest(remoteSeries)).toBe(volumeDigest(pick(local)));
  });

  it('reads the series metadata as DICOM JSON, one dataset per instance', async () => {
    const ref = ctSeries();
    const metadata = await client().retrieveSeriesMetadata(ref);
    const uids = metadata.map((m) => (m['00080018'] as { Value: string[] }).Value[0]);
    expect(uids.sort()).toEqual(
      disk
        .filter((i) => i.seriesUid === ref.seriesInstanceUid)
        .map((i) => i.sopUid)
        .sort(),
    );
  });
});

describe('store (STOW-RS)', () => {
  async function writeSegOverCtSeries(
    uidSuffix: string,
  ): Promise<{ bytes: Uint8Array; sopUid: string; seriesUid: string; studyUid: string }> {
    const first = disk.find((i) => i.studyDate === '20241007' && i.modality === 'CT')!;
    const files = await client().retrieveSeries({
      studyInstanceUid: first.studyUid,
      seriesInstanceUid: first.seriesUid,
    });
    const ingested = ingestFiles(
      await Promise.all(
        files.map(async (f) => ({
          name: f.name,
          bytes: new Uint8Array(await f.blob.arrayBuffer()),
        })),
      ),
    );
    const series = ingested.patients[0]!.studies[0]!.series.find((s) => s.kind === 'volume')!;
    const described = describeSegSource(series);
    if (!described.ok) throw new Error(described.error.message);
    const d = described.value;
    const [columns, rows, slices] = d.grid.dimensions;
    // A 9×9×3 block in the middle: 243 voxels.
    const labels = new Uint8Array(columns * rows * slices);
    for (let z = Math.floor(slices / 2) - 1; z <= Math.floor(slices / 2) + 1; z++)
      for (let y = 100; y < 109; y++)
        for (let x = 100; x < 109; x++) labels[z * rows * columns + y * columns + x] = 1;
    const studyUid = first.studyUid;
    const seriesUid = `2.25.7741${uidSuffix}`;
    const sopUid = `${seriesUid}.1`;
    const written = writeSegmentation({
      grid: d.grid,
      labels,
      segments: [
        {
          labelValue: 1,
          label: 'L9',
          category: {
            codeValue: '49755003',
            codingSchemeDesignator: 'SCT',
            codeMeaning: 'Morphologically Altered Structure',
          },
          type: { codeValue: '52988006', codingSchemeDesignator: 'SCT', codeMeaning: 'Lesion' },
          algorithmType: 'MANUAL',
        },
      ],
      source: d.source,
      patient: d.patient,
      study: d.study,
      segmentation: {
        seriesInstanceUid: seriesUid,
        sopInstanceUid: sopUid,
        dimensionOrganizationUid: `${seriesUid}.0`,
        seriesNumber: 91,
        instanceNumber: 1,
        seriesDescription: 'PACS test SEG',
        contentLabel: 'PACS_TEST',
        contentDate: '20241008',
        contentTime: '120000',
      },
      equipment: {
        manufacturer: 'TEST',
        modelName: 'pacs test',
        deviceSerialNumber: '1',
        softwareVersions: '1',
      },
    });
    if (!written.ok) throw new Error(written.error.message);
    expect(written.value.voxelCounts.get(1)).toBe(243);
    return { bytes: written.value.bytes, sopUid, seriesUid, studyUid };
  }

  it('stores a SEG from our writer; QIDO finds it; WADO-RS returns the identical bytes', async () => {
    const seg = await writeSegOverCtSeries('1');
    ensureDciodvfy();
    const path = join(scratch, 'seg.dcm');
    writeFileSync(path, seg.bytes);
    expect(validateDicomFile(path).errors).toEqual([]);
    const c = client();
    const results = await c.store([{ sopInstanceUid: seg.sopUid, bytes: seg.bytes }]);
    expect(results).toEqual([{ sopInstanceUid: seg.sopUid, ok: true, message: 'stored' }]);
    const series = await c.searchSeries(seg.studyUid);
    const found = series.find((s) => s.seriesInstanceUid === seg.seriesUid);
    expect(found).toMatchObject({ modality: 'SEG', numberOfInstances: 1, seriesNumber: 91 });
    const segStudies = await c.searchStudies({
      patientId: 'LLR-SAMPLE-004',
      studyDateFrom: '20241007',
    });
    expect(segStudies[0]!.modalities).toContain('SEG');
    const back = await c.retrieveSeries({
      studyInstanceUid: seg.studyUid,
      seriesInstanceUid: seg.seriesUid,
    });
    expect(back.length).toBe(1);
    expect(sha256(new Uint8Array(await back[0]!.blob.arrayBuffer()))).toBe(sha256(seg.bytes));
  });

  it('reports per object when one bad part fails the request (HTTP 400) and the good one is stored', async () => {
    const seg = await writeSegOverCtSeries('2');
    const junk = new TextEncoder().encode('this is not DICOM');
    const results = await client().store([
      { sopInstanceUid: seg.sopUid, bytes: seg.bytes },
      { sopInstanceUid: '2.25.999', bytes: junk },
    ]);
    expect(results[0]).toEqual({ sopInstanceUid: seg.sopUid, ok: true, message: 'stored' });
    expect(results[1]!.ok).toBe(false);
    expect(results[1]!.message).toMatch(/not stored.*HTTP 400/);
    // The server really has the good one.
    const series = await client().searchSeries(seg.studyUid);
    expect(series.some((s) => s.seriesInstanceUid === seg.seriesUid)).toBe(true);
  });

  it('returns an empty list for nothing to store, without a request', async () => {
    expect(await client().store([])).toEqual([]);
  });
});

describe('bearer token', () => {
  let proxy: FaultProxy;
  let foreign: FaultProxy;
  beforeAll(async () => {
    proxy = await startFaultProxy(orthanc.url);
    foreign = await startFaultProxy(orthanc.url);
  });
  afterAll(async () => {
    await proxy.close();
    await foreign.close();
  });

  it('goes to the configured origin and never to a BulkDataURI on another origin', async () => {
    const c = createDicomWebClient({ baseUrl: `${proxy.url}/dicom-web`, bearerToken: 'secret-1' });
    const ref = disk.find((i) => i.modality === 'CT' && i.studyDate === '20240812')!;
    const metadata = await c.retrieveSeriesMetadata({
      studyInstanceUid: ref.studyUid,
      seriesInstanceUid: ref.seriesUid,
    });
    expect(proxy.requests.at(-1)!.headers['authorization']).toBe('Bearer secret-1');
    const pixel = metadata[0]!['7FE00010'] as { BulkDataURI: string };
    // Orthanc's BulkDataURI points back at the proxy (Host kept): same origin, token sent.
    expect(new URL(pixel.BulkDataURI).origin).toBe(proxy.url);
    const own = await c.retrieveBulkData(pixel.BulkDataURI);
    expect(proxy.requests.at(-1)!.headers['authorization']).toBe('Bearer secret-1');
    // The same bulk data on another origin: fetched, but without the token.
    const elsewhere = pixel.BulkDataURI.replace(proxy.url, foreign.url);
    const other = await c.retrieveBulkData(elsewhere);
    expect(foreign.requests.at(-1)!.path).toContain('/bulk/7fe00010');
    expect(foreign.requests.at(-1)!.headers['authorization']).toBeUndefined();
    expect(sha256(other)).toBe(sha256(own));
    // 512×512 CT, 16 bits.
    expect(own.length).toBe(512 * 512 * 2);
  });

  it('is not forwarded when the PACS redirects to another origin', async () => {
    const c = createDicomWebClient({ baseUrl: `${proxy.url}/dicom-web`, bearerToken: 'secret-2' });
    proxy.setFault({ kind: 'redirect', status: 302, location: `${foreign.url}/dicom-web/studies` });
    try {
      await c.searchStudies({ patientId: 'LLR-SAMPLE-004' });
    } finally {
      proxy.setFault(null);
    }
    expect(proxy.requests.at(-1)!.headers['authorization']).toBe('Bearer secret-2');
    expect(foreign.requests.at(-1)!.path).toContain('/dicom-web/studies');
    expect(foreign.requests.at(-1)!.headers['authorization']).toBeUndefined();
  });
});
