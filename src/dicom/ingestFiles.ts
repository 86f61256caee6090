import { buildSeries } from './buildSeries.ts';
import { markStandaloneLocalizers } from './markStandaloneLocalizers.ts';
import { parseInstance } from './parseInstance.ts';
import { toIngestError } from './toIngestError.ts';
import type {
  IngestError,
  IngestResult,
  IngestWarning,
  InputFile,
  ParsedInstance,
  Patient,
  Series,
  Study,
} from './types.ts';

interface StudyGroup {
  first: ParsedInstance;
  series: Map<string, ParsedInstance[]>;
}

interface PatientGroup {
  first: ParsedInstance;
  studies: Map<string, StudyGroup>;
}

function patientKey(instance: ParsedInstance): string {
  if (instance.patient.id) return `id:${instance.patient.id}`;
  return instance.patient.name ? `name:${instance.patient.name}` : 'anonymous';
}

function compareStudies(a: Study, b: Study): number {
  // Undated studies go last; equal dates order by time, then UID for a stable result.
  const da = a.date ?? '9999-99-99';
  const db = b.date ?? '9999-99-99';
  if (da !== db) return da < db ? -1 : 1;
  const ta = a.time ?? '99';
  const tb = b.time ?? '99';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.studyInstanceUid < b.studyInstanceUid
    ? -1
    : a.studyInstanceUid > b.studyInstanceUid
      ? 1
      : 0;
}

function compareSeries(a: Series, b: Series): number {
  const na = a.number ?? Number.MAX_SAFE_INTEGER;
  const nb = b.number ?? Number.MAX_SAFE_INTEGER;
  if (na !== nb) return na - nb;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Adds, to the series a rejected file belonged to, a warning naming the lost files. */
function reportRejectedMembers(
  rejected: { file: string; error: IngestError }[],
  allSeries: Series[],
  warnings: IngestWarning[],
): void {
  const bySeries = new Map<string, { file: string; error: IngestError }[]>();
  for (const entry of rejected) {
    const uid = entry.error.seriesInstanceUid;
    if (!uid) continue;
    bySeries.set(uid, [...(bySeries.get(uid) ?? []), entry]);
  }
  for (const [uid, entries] of bySeries) {
    const candidates = allSeries.filter((series) => series.seriesInstanceUid === uid);
    const target =
      candidates.find((series) => series.kind === 'volume' || series.kind === 'stack') ??
      candidates[0];
    if (!target) continue;
    const listed = entries
      .slice(0, 5)
      .map((entry) => `${entry.file} (${entry.error.code})`)
      .join(', ');
    const more = entries.length > 5 ? ` and ${entries.length - 5} more` : '';
    const message = `${entries.length} file(s) of this series were rejected: ${listed}${more}`;
    target.warnings.push(message);
    warnings.push({ code: 'REJECTED_INSTANCES', message, seriesId: target.id });
  }
}

/**
 * buildSeries, with its files rejected (one typed error each) should it ever throw: one
 * series that cannot be built must not cost the rest of the folder.
 */
function buildSeriesIsolated(
  members: ParsedInstance[],
  rejected: { file: string; error: IngestError }[],
): ReturnType<typeof buildSeries> {
  try {
    return buildSeries(members);
  } catch (thrown) {
    const reason = toIngestError(thrown).message;
    for (const member of members) {
      rejected.push({
        file: member.file,
        error: {
          code: 'INCONSISTENT_SERIES',
          message: `its series could not be built: ${reason}`,
          file: member.file,
          seriesInstanceUid: member.series.seriesInstanceUid,
        },
      });
    }
    return { series: [], warnings: [] };
  }
}

/**
 * Parses every file, drops repeated SOP instances, and groups the rest into
 * patient → study (by date) → series, each series sorted along its slice normal with its
 * geometry. A file that fails lands in `rejected` and never stops the others.
 */
export function ingestFiles(files: Iterable<InputFile>): IngestResult {
  const rejected: { file: string; error: IngestError }[] = [];
  const instances: ParsedInstance[] = [];
  for (const file of files) {
    const parsed = parseInstance(file);
    if (parsed.ok) instances.push(parsed.value);
    else rejected.push({ file: file.name, error: parsed.error });
  }
  return groupInstances(instances, rejected);
}

/**
 * The grouping half of `ingestFiles`, over instances parsed earlier (a worker that adds files
 * to what it holds regroups without parsing again). `rejected` lists files that failed to
 * parse; it is copied, not changed.
 */
export function groupInstances(
  instances: Iterable<ParsedInstance>,
  parseRejected: readonly { file: string; error: IngestError }[] = [],
): IngestResult {
  const rejected = [...parseRejected];
  const warnings: IngestWarning[] = [];
  const seen = new Map<string, ParsedInstance>();
  const patients = new Map<string, PatientGroup>();

  for (const instance of instances) {
    const earlier = seen.get(instance.sopInstanceUid);
    if (earlier) {
      warnings.push({
        code: 'DUPLICATE_INSTANCE',
        message: `${instance.file} repeats SOPInstanceUID ${instance.sopInstanceUid} of ${earlier.file}; ignored`,
        file: instance.file,
      });
      continue;
    }
    seen.set(instance.sopInstanceUid, instance);
    const pKey = patientKey(instance);
    let patient = patients.get(pKey);
    if (!patient) {
      patient = { first: instance, studies: new Map() };
      patients.set(pKey, patient);
    }
    let study = patient.studies.get(instance.study.studyInstanceUid);
    if (!study) {
      study = { first: instance, series: new Map() };
      patient.studies.set(instance.study.studyInstanceUid, study);
    }
    const members = study.series.get(instance.series.seriesInstanceUid);
    if (members) members.push(instance);
    else study.series.set(instance.series.seriesInstanceUid, [instance]);
  }

  const allSeries: Series[] = [];
  const result: Patient[] = [];
  for (const patient of patients.values()) {
    const studies: Study[] = [];
    for (const group of patient.studies.values()) {
      const seriesList: Series[] = [];
      for (const members of group.series.values()) {
        const built = buildSeriesIsolated(members, rejected);
        seriesList.push(...built.series);
        warnings.push(...built.warnings);
        const imager = members.find((member) => member.pixelSpacingSource === 'ImagerPixelSpacing');
        const target = built.series.find((series) => series.frames.length > 0) ?? built.series[0];
        if (imager && target) {
          const message =
            'PixelSpacing absent: ImagerPixelSpacing (detector plane) used; distances may be magnified';
          target.warnings.push(message);
          warnings.push({
            code: 'IMAGER_PIXEL_SPACING',
            message,
            seriesId: target.id,
            file: imager.file,
          });
        }
      }
      warnings.push(...markStandaloneLocalizers(seriesList));
      seriesList.sort(compareSeries);
      allSeries.push(...seriesList);
      const info = group.first.study;
      studies.push({
        studyInstanceUid: info.studyInstanceUid,
        date: info.date,
        time: info.time,
        description: info.description,
        accessionNumber: info.accessionNumber,
        series: seriesList,
      });
    }
    studies.sort(compareStudies);
    result.push({
      id: patient.first.patient.id,
      name: patient.first.patient.name,
      birthDate: patient.first.patient.birthDate,
      sex: patient.first.patient.sex,
      studies,
    });
  }
  result.sort((a, b) =>
    a.id + a.name < b.id + b.name ? -1 : a.id + a.name > b.id + b.name ? 1 : 0,
  );
  reportRejectedMembers(rejected, allSeries, warnings);
  return { patients: result, rejected, warnings };
}
