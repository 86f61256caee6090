import type { IngestResult, Series, Volume } from '../dicom';
import type { LoadProblem, PatientSummary, SeriesSummary } from '../plugin-api';
import type { DisplayVolume, Vec3 } from '../viewport/displayVolume';

/** DICOM PN "Family^Given^Middle" as "Family, Given Middle" for display. */
export function formatPersonName(raw: string): string {
  const [family = '', given = '', middle = ''] = raw.split('=')[0]?.split('^') ?? [];
  const rest = [given, middle].filter(Boolean).join(' ');
  return [family, rest].filter(Boolean).join(', ');
}

function summariseSeries(series: Series, studyInstanceUid: string): SeriesSummary {
  const first = series.instances[0];
  const geometry = series.geometry;
  return {
    id: series.id,
    seriesInstanceUid: series.seriesInstanceUid,
    studyInstanceUid,
    modality: series.modality,
    description: series.description,
    number: series.number,
    kind: series.kind,
    frameCount: series.frames.length || series.instances.length,
    frameOfReferenceUid: series.frameOfReferenceUid,
    dimensions: geometry ? [...geometry.dimensions] : null,
    spacingMm: geometry ? [...geometry.spacing] : null,
    contrastAgent: first?.contrast?.agent || null,
    warnings: [...series.warnings],
  };
}

/** Serialisable summaries for the main thread: no bytes, no pixel references. */
export function summarisePatients(result: IngestResult): PatientSummary[] {
  return result.patients.map((patient) => ({
    patientId: patient.id,
    patientName: formatPersonName(patient.name),
    birthDate: patient.birthDate,
    sex: patient.sex,
    studies: patient.studies.map((study) => ({
      studyInstanceUid: study.studyInstanceUid,
      date: study.date,
      description: study.description,
      modalities: [...new Set(study.series.map((s) => s.modality))].sort(),
      series: study.series.map((s) => summariseSeries(s, study.studyInstanceUid)),
    })),
  }));
}

export function toLoadProblems(result: IngestResult): LoadProblem[] {
  return result.rejected.map(({ file, error }) => ({
    file,
    code: error.code,
    message: error.message,
  }));
}

/** The viewport's view of an assembled volume, with each slice's own position. */
export function toDisplayVolume(
  series: Series,
  volume: Volume,
  studyInstanceUid: string,
): DisplayVolume {
  const g = volume.geometry;
  const normal: Vec3 = [g.direction[6], g.direction[7], g.direction[8]];
  const base = g.slicePositionsMm[0] ?? 0;
  const slicePositions = g.slicePositionsMm.map((position, i): Vec3 => {
    const own = series.frames[i]?.attributes.imagePositionPatient;
    if (own) return [own[0], own[1], own[2]];
    const d = position - base;
    return [g.origin[0] + normal[0] * d, g.origin[1] + normal[1] * d, g.origin[2] + normal[2] * d];
  });
  return {
    key: series.id,
    seriesInstanceUid: series.seriesInstanceUid,
    studyInstanceUid,
    modality: volume.modality,
    frameOfReferenceUid: series.frameOfReferenceUid,
    dimensions: [...g.dimensions],
    spacing: [...g.spacing],
    direction: [...g.direction],
    slicePositions,
    data: volume.data,
    window: volume.window ?? null,
    isVolume: series.kind === 'volume' && g.dimensions[2] > 1 && !g.spacingIrregular,
  };
}
