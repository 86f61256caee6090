/**
 * The CSV/JSON de-identification uses the host's session identity (HostApi.exportDeidentity),
 * and the DICOM SEG/SR de-identification uses the host's session salt (main.tsx passes
 * host.deidSalt to the SEG interop): a de-identified SR and a de-identified review export of
 * the same session carry the same pseudonym, the same shifted study date and the same UIDs.
 */
import { describe, expect, it } from 'vitest';
import { shiftIsoDate } from '../plugins/liver-lesion-review/domain/export/deidentifyReviewExport';
import type { IngestClient } from '../src/datasource/createIngestClient';
import { createDeidentifier } from '../src/dicom/deid/index.ts';
import { readMeasurementReport, writeMeasurementReport } from '../src/dicom/sr/index.ts';
import { STUDY, reportInput } from '../src/dicom/sr/__tests__/fixtures.ts';
import { createHost } from '../src/host/createHost';

describe('HostApi.exportDeidentity', () => {
  it('matches the DICOM de-identification of the same session salt', () => {
    const host = createHost({} as IngestClient);
    const identity = host.api.exportDeidentity!('LLR-SAMPLE-004');
    const dicom = createDeidentifier({ salt: host.deidSalt });
    if (!dicom.ok) throw new Error(dicom.error.message);
    const sr = writeMeasurementReport(reportInput());
    if (!sr.ok) throw new Error(sr.error.message);
    const deidentified = dicom.value.deidentifyPart10(sr.value);
    if (!deidentified.ok) throw new Error(deidentified.error.message);
    const read = readMeasurementReport(deidentified.value.bytes);
    if (!read.ok) throw new Error(read.error.message);
    // The SR's study date 2024-07-25, shifted the way the CSV/JSON export shifts it.
    const da = read.value.study.date;
    expect(`${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}`).toBe(
      shiftIsoDate('2024-07-25', identity.dateOffsetDays),
    );
    expect(Math.abs(identity.dateOffsetDays % 7)).toBe(0);
    expect(identity.dateOffsetDays).toBeLessThan(0);
    expect(read.value.patient.id).toBe(identity.patientId);
    expect(read.value.study.studyInstanceUid).toBe(identity.mapUid(STUDY));
    expect(read.value.lesions[0]!.trackingUid).toBe(identity.mapUid('2.25.331'));
  });
});
