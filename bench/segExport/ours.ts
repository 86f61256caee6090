/**
 * Ours: what the viewer does when the reader clicks Export DICOM SEG (createDicomSegInterop's
 * exportSession without de-identification or SR): the ingest worker describes the source series
 * (`describeSegSource`), the page builds the writer input from the session's segments, live
 * voxel counts and labelmap (`buildSegWriterInput`), and `writeSegmentation` writes the Part 10
 * bytes. The Blob wrapping and the worker round trip are left out (the peer's are too).
 */
import { randomUUID } from 'node:crypto';
import { describeSegSource, writeSegmentation } from '../../src/dicom/seg/index.ts';
import { buildSegWriterInput } from '../../src/segmentation/dicomSeg/buildSegWriterInput.ts';
import type { SegmentTypeContribution } from '../../src/plugin-api/index.ts';
import type { SegBenchData } from './data.ts';

/** A fresh UID in the 2.25 form (PS3.5 B.2), as the viewer makes them. */
const newUid = (): string => `2.25.${BigInt(`0x${randomUUID().replaceAll('-', '')}`)}`;

export function exportOurs(
  data: SegBenchData,
  segmentTypes: readonly SegmentTypeContribution[],
): Uint8Array {
  const source = describeSegSource(data.series);
  if (!source.ok) throw new Error(source.error.message);
  const plan = buildSegWriterInput({
    segments: data.segments,
    voxelCounts: data.voxelCounts,
    labels: data.labels,
    dimensions: data.dimensions,
    segmentTypes,
    source: source.value,
    identity: {
      seriesInstanceUid: newUid(),
      sopInstanceUid: newUid(),
      dimensionOrganizationUid: newUid(),
      createdAt: new Date(),
      softwareVersion: 'liver-lesion-review bench',
    },
  });
  if (!plan.ok) throw new Error(plan.error.message);
  const written = writeSegmentation(plan.value.input);
  if (!written.ok) throw new Error(written.error.message);
  return written.value.bytes;
}
