import { describe, expect, it } from 'vitest';
import { writeSegmentation } from '../../../dicom/seg';
import {
  checkTid1500,
  readMeasurementReport,
  readSrContentTree,
  writeMeasurementReport,
} from '../../../dicom/sr';
import { buildSegWriterInput } from '../buildSegWriterInput';
import { buildSrWriterInput } from '../buildSrWriterInput';
import { SOURCE, TYPES, segment } from './fixtures';

const CREATED = new Date(2024, 9, 7, 8, 5, 9);

/** A SEG of a liver (value 2) and a tracked lesion (value 5), written for real. */
function writtenSeg() {
  const labels = new Uint8Array(24);
  labels.set([2, 2, 5], 0);
  labels[20] = 5;
  const plan = buildSegWriterInput({
    segments: [
      segment({ index: 2, label: 'Liver', typeId: 'liver' }),
      segment({ index: 5, label: 'Lesion 1', trackingId: 'L1', trackingUid: '2.25.77' }),
    ],
    voxelCounts: new Map([
      [2, 2],
      [5, 2],
    ]),
    labels,
    dimensions: [4, 3, 2],
    segmentTypes: TYPES,
    source: SOURCE,
    identity: {
      seriesInstanceUid: '2.25.1',
      sopInstanceUid: '2.25.2',
      dimensionOrganizationUid: '2.25.3',
      createdAt: CREATED,
      softwareVersion: 'test 1',
    },
  });
  if (!plan.ok) throw new Error(plan.error.message);
  const written = writeSegmentation(plan.value.input);
  if (!written.ok) throw new Error(written.error.message);
  return { input: plan.value.input, segmentNumberOf: written.value.segmentNumberOf };
}

describe('buildSrWriterInput', () => {
  it('references the SEG instance and the segment number of each tracked lesion', () => {
    const seg = writtenSeg();
    const input = buildSrWriterInput({
      seg: seg.input,
      segmentNumberOf: seg.segmentNumberOf,
      modality: 'CT',
      measurements: {
        lesions: [
          // The liver has no TrackingUID: TID 1411 cannot hold it.
          {
            segmentIndex: 2,
            volumeMl: 1,
            longAxisMm: null,
            shortAxisMm: null,
            meanIntensity: 60,
            intensitySd: 1,
          },
          {
            segmentIndex: 5,
            volumeMl: 0.0032,
            longAxisMm: 0.8,
            shortAxisMm: 0.8,
            meanIntensity: 41.5,
            intensitySd: 2.25,
          },
        ],
        findings: [{ kind: 'pattern', pattern: 'diffuse' }],
      },
      identity: { seriesInstanceUid: '2.25.10', sopInstanceUid: '2.25.11', createdAt: CREATED },
    });
    expect(input.study.studyInstanceUid).toBe(SOURCE.source.studyInstanceUid);
    expect(input.document).toMatchObject({ contentDate: '20241007', contentTime: '080509' });
    expect(input.sourceSeries[0]!.images).toHaveLength(SOURCE.source.slices.length);

    const written = writeMeasurementReport(input);
    if (!written.ok) throw new Error(written.error.message);
    const bytes = written.value;
    const report = readMeasurementReport(bytes);
    if (!report.ok) throw new Error(report.error.message);
    expect(report.value.segmentations.map((s) => s.sopInstanceUid)).toEqual(['2.25.2']);
    expect(report.value.lesions).toHaveLength(1);
    // Value 5 is the SEG's second segment (the liver, value 2, is the first).
    expect(report.value.lesions[0]).toMatchObject({
      trackingId: 'L1',
      trackingUid: '2.25.77',
      segment: { segmentationSopInstanceUid: '2.25.2', segmentNumber: 2 },
      sourceSeriesInstanceUid: SOURCE.source.seriesInstanceUid,
      volumeMl: 0.0032,
      meanIntensity: 41.5,
      intensitySd: 2.25,
      intensityKind: 'ct-attenuation',
    });
    expect(report.value.findings).toEqual([
      expect.objectContaining({ kind: 'pattern', pattern: 'diffuse' }),
    ]);
    const tree = readSrContentTree(bytes);
    if (!tree.ok) throw new Error(tree.error.message);
    expect(checkTid1500(tree.value, { profile: true })).toEqual([]);
  });
});
