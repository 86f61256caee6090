/**
 * Issue 7, "SR export → import restores the findings": the reader's findings of a date, as the
 * panels store them, go out through the plugin contract (findingToReport), the host's SR
 * mapping (toSrFinding) and the TID 1500 writer, and come back through the SR reader, the host's
 * opened-report mapping and the plugin (findingsFromReport) deep-equal to the input: every
 * field, SCOORD3D points within 1e-4 mm, ROI outlines back on their voxel index. The file also
 * passes dciodvfy and the TID 1500 check; de-identified, it keeps every coded finding.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeidentifier } from '../src/dicom/deid/index.ts';
import { patientToIndex } from '../plugins/liver-lesion-review/adapters/patientToIndex';
import {
  findingToReport,
  findingsFromReport,
} from '../plugins/liver-lesion-review/domain/export/reportFindings';
import type { Finding } from '../plugins/liver-lesion-review/domain/findings/types';
import {
  checkTid1500,
  readMeasurementReport,
  readSrContentTree,
  writeMeasurementReport,
} from '../src/dicom/sr/index.ts';
import {
  CT_SERIES,
  FRAME_OF_REFERENCE,
  MR_SERIES,
  MR_STUDY,
  STUDY,
  reportInput,
} from '../src/dicom/sr/__tests__/fixtures.ts';
import type { VolumeGridInfo } from '../src/plugin-api';
import { toSrFinding } from '../src/segmentation/dicomSeg/buildSrWriterInput';
import { openedReportFrom } from '../src/segmentation/dicomSeg/openedReportFrom';
import { ensureDciodvfy, validateDicomFile } from './support/dciodvfy.ts';

const DATE = '2024-07-25';
const MR_FRAME = '1.2.826.0.1.3680043.10.1478.97.2.0.1';
const ct = { seriesInstanceUid: CT_SERIES, studyInstanceUid: STUDY };
const mr = { seriesInstanceUid: MR_SERIES, studyInstanceUid: MR_STUDY };

// A 0.5 × 0.5 × 2.5 mm axial CT grid at (−100, −100, −50): the ROI centres below sit on known
// voxel indices, worked out by hand ((x + 100) / 0.5, (y + 100) / 0.5, (z + 50) / 2.5).
const GRID: VolumeGridInfo = {
  dimensions: [400, 400, 40],
  spacingMm: [0.5, 0.5, 2.5],
  originMm: [-100, -100, -50],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
};

const roi = (
  mean: number,
  voxelCount: number,
  centreMm: [number, number, number],
  centreIndex: [number, number],
  sliceIndex: number,
  radiusMm: number,
) => ({
  statistics: {
    voxelCount,
    mean,
    sd: 7.5,
    min: mean - 20,
    max: mean + 21,
    areaMm2: voxelCount * 0.25,
  },
  imageReference: ct,
  roi: { sliceIndex, centreIndex, radiiMm: [radiusMm, radiusMm] as [number, number] },
  centreMm,
});

/** What the panels record on one date, every kind, as they record it (ids `${kind}-${date}`). */
const FINDINGS: Finding[] = [
  {
    id: `pattern-${DATE}`,
    kind: 'pattern',
    date: DATE,
    imageReferences: [ct],
    pattern: 'diffuse',
    support: null,
    note: 'ill-defined, both lobes',
  },
  {
    id: `liver-spleen-${DATE}`,
    kind: 'liver-spleen',
    date: DATE,
    imageReferences: [{ seriesInstanceUid: CT_SERIES }],
    liverRois: [
      roi(38.5, 1257, [-80.25, -70.5, -40], [39.5, 59], 4, 10),
      roi(41.25, 314, [-60, -20, -25], [80, 160], 10, 5),
    ],
    spleenRois: [roi(52, 1257, [60.5, -10, -40], [321, 180], 4, 10)],
    contrastEnhanced: false,
  },
  {
    id: `biliary-interruption-${DATE}`,
    kind: 'biliary-interruption',
    date: DATE,
    imageReferences: [mr],
    pointMm: [12.3, -45.67, 88.9],
    imageReference: mr,
    level: { scheme: 'bismuth-corlette', type: 'IIIb' },
    upstreamDilatation: true,
    ductRigidityRarefaction: false,
  },
  {
    id: `mrcp-ducts-${DATE}`,
    kind: 'mrcp-ducts',
    date: DATE,
    imageReferences: [mr],
    rigidityRarefaction: true,
    segmentalDilatation: true,
    commonBileDuctDilated: false,
  },
  {
    id: `hepatomegaly-${DATE}`,
    kind: 'hepatomegaly',
    date: DATE,
    imageReferences: [ct],
    present: true,
    liverSpanMm: 187.4,
    spanLineMm: { from: [10.1, -20.2, 90.3], to: [10.1, -20.2, -97.1] },
  },
  { id: `ascites-${DATE}`, kind: 'ascites', date: DATE, imageReferences: [ct], present: true },
  {
    id: `t2-parenchymal-oedema-${DATE}`,
    kind: 't2-parenchymal-oedema',
    date: DATE,
    imageReferences: [mr],
    present: true,
  },
  {
    id: `homogeneous-density-decrease-${DATE}`,
    kind: 'homogeneous-density-decrease',
    date: DATE,
    imageReferences: [ct],
    present: true,
  },
  {
    id: `lesion-signal-L1-${DATE}`,
    kind: 'lesion-signal',
    date: DATE,
    imageReferences: [mr],
    lesionId: 'L1',
    t1: 'hypo',
    t2: 'hyper',
  },
];

/** Deep equality with numbers compared within `tolerance` (SCOORD3D coordinates are float32). */
function expectClose(actual: unknown, expected: unknown, path = '$', tolerance = 1e-4): void {
  if (typeof expected === 'number') {
    expect(typeof actual, path).toBe('number');
    expect(Math.abs((actual as number) - expected), path).toBeLessThanOrEqual(tolerance);
    return;
  }
  if (expected === null || typeof expected !== 'object') {
    expect(actual, path).toEqual(expected);
    return;
  }
  expect(actual !== null && typeof actual === 'object', path).toBe(true);
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  expect(Object.keys(a).sort(), path).toEqual(Object.keys(e).sort());
  for (const key of Object.keys(e)) expectClose(a[key], e[key], `${path}.${key}`, tolerance);
}

const frames: Record<string, string> = { [CT_SERIES]: FRAME_OF_REFERENCE, [MR_SERIES]: MR_FRAME };

function exportAndImport() {
  const reported = FINDINGS.map((f) =>
    findingToReport(f, { frameOfReferenceOf: (uid) => frames[uid] ?? null }),
  );
  expect(reported.every((r) => r !== null)).toBe(true);
  const written = writeMeasurementReport(
    reportInput({ findings: reported.map((r) => toSrFinding(r!)) }),
  );
  if (!written.ok) throw new Error(written.error.message);
  const read = readMeasurementReport(written.value);
  if (!read.ok) throw new Error(read.error.message);
  const opened = openedReportFrom(read.value, () => null);
  const restored = findingsFromReport(opened.findings, opened.studyDate!, {
    indexOf: (uid, mm) => (uid === CT_SERIES ? patientToIndex(GRID, mm) : null),
  });
  return { bytes: written.value, opened, restored };
}

const dir = mkdtempSync(join(tmpdir(), 'sr-findings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeAll(() => ensureDciodvfy());

describe('findings → SR → findings', () => {
  it('restores every finding of the date deep-equal to what was recorded', () => {
    const { opened, restored } = exportAndImport();
    expect(opened.studyDate).toBe(DATE);
    expect(opened.warnings).toEqual([]);
    expect(restored.skipped).toEqual([]);
    expect(restored.findings.map((f) => f.id)).toEqual(FINDINGS.map((f) => f.id));
    expectClose(restored.findings, FINDINGS);
  });

  it('brings the biliary point back within 1e-4 mm (float32 SCOORD3D), not exactly', () => {
    const { restored } = exportAndImport();
    const biliary = restored.findings.find((f) => f.kind === 'biliary-interruption');
    if (biliary?.kind !== 'biliary-interruption') throw new Error('no biliary finding');
    expect(biliary.pointMm[0]).not.toBe(12.3);
    [12.3, -45.67, 88.9].forEach((v, i) =>
      expect(Math.abs(biliary.pointMm[i]! - v)).toBeLessThan(1e-4),
    );
  });

  it('writes a file dciodvfy accepts and the TID 1500 check finds complete', () => {
    const { bytes } = exportAndImport();
    const path = join(dir, 'findings.dcm');
    writeFileSync(path, bytes);
    const result = validateDicomFile(path);
    expect(result.errors, result.output).toEqual([]);
    const tree = readSrContentTree(bytes);
    if (!tree.ok) throw new Error(tree.error.message);
    expect(checkTid1500(tree.value, { profile: true })).toEqual([]);
  });

  it('de-identified, keeps the coded findings; free-text values (signal, rigidity, note) are blanked', () => {
    const { bytes } = exportAndImport();
    const deid = createDeidentifier({ salt: new Uint8Array(32).fill(7) });
    if (!deid.ok) throw new Error(deid.error.message);
    const file = deid.value.deidentifyPart10(bytes);
    if (!file.ok) throw new Error(file.error.message);
    const read = readMeasurementReport(file.value.bytes);
    if (!read.ok) throw new Error(read.error.message);
    const kinds = read.value.findings.map((f) => f.kind);
    expect(kinds).toEqual([
      'pattern',
      'liver-spleen',
      'biliary-interruption',
      'mrcp-ducts',
      'hepatomegaly',
      'ascites',
      't2-parenchymal-oedema',
      'homogeneous-density-decrease',
      'lesion-signal',
    ]);
    const byKind = Object.fromEntries(read.value.findings.map((f) => [f.kind, f]));
    expect(byKind['biliary-interruption']).toMatchObject({
      level: { scheme: 'bismuth-corlette', type: 'IIIb' },
      upstreamDilatation: true,
    });
    expect(byKind['liver-spleen']).toMatchObject({ rois: [{ voxelCount: 1257 }, {}, {}] });
    expect(byKind['mrcp-ducts']).toMatchObject({
      segmentalDilatation: true,
      commonBileDuctDilated: false,
      rigidityRarefaction: null,
    });
    expect(byKind['lesion-signal']).toMatchObject({ lesionId: 'L1', t1: null, t2: null });
    expect((byKind['pattern'] as { comment?: string }).comment).not.toBe('ill-defined, both lobes');
  });
});
