/**
 * The bench CT: a 512×512×300 axial series from sample-dicom's `buildCtSeries`, written as
 * DICOM files to a temp folder (loaded into the app through its file input) and, for the peer
 * page, ingested here once into raw Int16 voxels + a JSON header (same pixels, same geometry).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assembleVolume, ingestFiles } from '../../src/dicom/index.ts';
import { buildCtSeries } from '../../sample-dicom/lib/ctSeries.ts';

export const CT_SIZE = { rows: 512, columns: 512, slices: 300 } as const;

export interface BenchCt {
  /** Temp folder holding everything below; remove with `dispose()`. */
  readonly dir: string;
  /** The 300 DICOM files, for Playwright's setInputFiles. */
  readonly dicomPaths: string[];
  /** Folder with ct.json + ct.raw for the peer page. */
  readonly peerDataDir: string;
  readonly dicomBytes: number;
  readonly spacing: [number, number, number];
  /** Patient position of voxel (0, 0, 0), mm. */
  readonly origin: [number, number, number];
  /** Row cosine, column cosine, slice normal. */
  readonly direction: number[];
  dispose(): void;
}

export function prepareCt(): BenchCt {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'llr-editor-bench-'));
  const dicomDir = path.join(dir, 'dicom');
  const peerDataDir = path.join(dir, 'peer-data');
  fs.mkdirSync(dicomDir);
  fs.mkdirSync(peerDataDir);
  const { files } = buildCtSeries({
    ...CT_SIZE,
    pixelSpacingMm: 0.75,
    sliceSpacingMm: 1,
    date: '2024-07-01',
    storage: 'signed',
  });
  const dicomPaths = files.map((file) => {
    const target = path.join(dicomDir, file.name);
    fs.writeFileSync(target, file.bytes);
    return target;
  });
  const dicomBytes = files.reduce((sum, f) => sum + f.bytes.length, 0);

  const ingested = ingestFiles(files.map((f) => ({ name: f.name, bytes: f.bytes })));
  const series = ingested.patients[0]?.studies[0]?.series[0];
  if (!series || series.kind !== 'volume') throw new Error('editor bench: CT did not ingest');
  const assembled = assembleVolume(series);
  if (!assembled.ok) throw new Error(`editor bench: ${assembled.error.message}`);
  const volume = assembled.value;
  const { geometry } = volume;
  if (!(volume.data instanceof Int16Array)) throw new Error('editor bench: CT is not Int16');
  const normal = geometry.direction.slice(6, 9);
  const first = geometry.slicePositionsMm[0] ?? 0;
  const slicePositions = geometry.slicePositionsMm.map((along) =>
    geometry.origin.map((o, axis) => o + (along - first) * (normal[axis] ?? 0)),
  );
  const header = {
    dimensions: geometry.dimensions,
    spacing: geometry.spacing,
    direction: geometry.direction,
    slicePositions,
    window: volume.window ?? { center: 50, width: 400 },
    frameOfReferenceUid: series.frameOfReferenceUid ?? 'peer-for',
    studyInstanceUid: series.instances[0]?.study.studyInstanceUid ?? 'peer-study',
    seriesInstanceUid: series.seriesInstanceUid,
  };
  fs.writeFileSync(path.join(peerDataDir, 'ct.json'), JSON.stringify(header));
  const data = volume.data;
  fs.writeFileSync(
    path.join(peerDataDir, 'ct.raw'),
    new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  );
  return {
    dir,
    dicomPaths,
    peerDataDir,
    dicomBytes,
    spacing: geometry.spacing,
    origin: [geometry.origin[0], geometry.origin[1], geometry.origin[2]],
    direction: [...geometry.direction],
    dispose: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
