import { describe, expect, it } from 'vitest';
import type { StudyRecord } from '../../../../datasource/dicomweb/types';
import { formatDicomDate, groupByPatient, toStudyQuery } from '../studyGroups';

const empty = { patientName: '', patientId: '', dateFrom: '', dateTo: '', modality: '' };

describe('toStudyQuery', () => {
  it('leaves out empty fields', () => {
    expect(toStudyQuery(empty, 50)).toEqual({ limit: 50 });
  });

  it('turns date inputs into DICOM dates and names into prefix matches', () => {
    expect(
      toStudyQuery({
        patientName: ' Doe^Jane ',
        patientId: ' P-1 ',
        dateFrom: '2024-07-01',
        dateTo: '2024-08-31',
        modality: 'CT',
      }),
    ).toEqual({
      patientName: 'Doe^Jane*',
      patientId: 'P-1',
      studyDateFrom: '20240701',
      studyDateTo: '20240831',
      modality: 'CT',
      limit: 200,
    });
  });

  it('keeps a name that already has a wildcard as typed', () => {
    expect(toStudyQuery({ ...empty, patientName: '*ANE' }).patientName).toBe('*ANE');
    expect(toStudyQuery({ ...empty, patientName: 'D?E' }).patientName).toBe('D?E');
  });
});

const study = (patientId: string, date: string, uid: string): StudyRecord => ({
  studyInstanceUid: uid,
  patientName: `Name ${patientId}`,
  patientId,
  studyDate: date,
  studyDescription: '',
  modalities: ['CT'],
  numberOfSeries: 1,
  numberOfInstances: 1,
});

describe('groupByPatient', () => {
  it('lists each patient once with the other studies after a narrow search, oldest first', () => {
    const august = study('P1', '20240812', '1.2');
    const july = study('P1', '20240725', '1.1');
    const october = study('P1', '20241007', '1.3');
    const other = study('P2', '20240101', '2.1');
    const groups = groupByPatient(
      [august, other],
      new Map([
        ['P1', [october, august, july]],
        ['P3', [study('P3', '20240101', '3.1')]],
      ]),
    );
    expect(groups.map((g) => g.patientId)).toEqual(['P1', 'P2']);
    expect(groups[0]!.studies.map((s) => [s.studyDate, s.matched])).toEqual([
      ['20240725', false],
      ['20240812', true],
      ['20241007', false],
    ]);
    expect(groups[1]!.studies).toHaveLength(1);
  });

  it('gives nothing for no matches', () => {
    expect(groupByPatient([], new Map())).toEqual([]);
  });
});

describe('formatDicomDate', () => {
  it('formats DICOM dates and keeps anything else', () => {
    expect(formatDicomDate('20240725')).toBe('2024-07-25');
    expect(formatDicomDate('')).toBe('undated');
    expect(formatDicomDate('2024')).toBe('2024');
  });
});
