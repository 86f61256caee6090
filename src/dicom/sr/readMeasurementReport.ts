/**
 * Reads a TID 1500 Measurement Report (ours, or another tool's: dcmqi, highdicom, OHIF) back
 * into the writer's model: identity, observers, procedures, the Image Library's series, lesion
 * groups and findings. Anything the model cannot hold is listed in `warnings`.
 */
import dcmjs from 'dcmjs';
import type { DenaturalizedDataset } from 'dcmjs';
import { CODES, SR_SOP_CLASSES, sameCode } from './codes.ts';
import { readContentItem, readItems, readString, type SrContentItem } from './readContentTree.ts';
import { readMeasurementGroup } from './readMeasurementGroup.ts';
import type {
  ParsedMeasurementReport,
  SrFinding,
  SrLesionMeasurement,
  SrObserver,
  SrResult,
  SrRoiMeasurement,
  SrSegmentationReference,
  SrSourceSeries,
} from './types.ts';

// CID 7021 Measurement Report Document Titles.
const REPORT_TITLES = new Set(['126000', '126001', '126002', '126003']);

type EvidenceEntry = { studyInstanceUid: string; seriesInstanceUid: string; sopClassUid: string };

/** SOP Instance UID → study and series, from both evidence sequences. */
function readEvidence(ds: DenaturalizedDataset): Map<string, EvidenceEntry> {
  const out = new Map<string, EvidenceEntry>();
  for (const tag of ['0040A375', '0040A385'])
    for (const study of readItems(ds, tag))
      for (const series of readItems(study, '00081115'))
        for (const sop of readItems(series, '00081199')) {
          const uid = readString(sop, '00081155');
          if (uid)
            out.set(uid, {
              studyInstanceUid: readString(study, '0020000D') ?? '',
              seriesInstanceUid: readString(series, '0020000E') ?? '',
              sopClassUid: readString(sop, '00081150') ?? '',
            });
        }
  return out;
}

function readObserver(root: SrContentItem): SrObserver {
  const ctx = root.children.filter((c) => c.relationship === 'HAS OBS CONTEXT');
  const text = (concept: typeof CODES.deviceObserverName) =>
    ctx.find((c) => sameCode(c.concept, concept))?.text ?? null;
  const deviceUid = ctx.find((c) => sameCode(c.concept, CODES.deviceObserverUid))?.uid ?? null;
  return {
    personName: ctx.find((c) => sameCode(c.concept, CODES.personObserverName))?.personName ?? null,
    device: deviceUid
      ? {
          uid: deviceUid,
          name: text(CODES.deviceObserverName),
          manufacturer: text(CODES.deviceObserverManufacturer),
          modelName: text(CODES.deviceObserverModelName),
        }
      : null,
  };
}

/** TID 1600 groups (or pre-2016 flat libraries) regrouped by series through the evidence. */
function readSources(
  library: SrContentItem | undefined,
  evidence: Map<string, EvidenceEntry>,
  warnings: string[],
) {
  const bySeries = new Map<
    string,
    { source: Omit<SrSourceSeries, 'images'>; images: SrSourceSeries['images'][number][] }
  >();
  const visit = (group: SrContentItem) => {
    const context = (concept: typeof CODES.modality) =>
      group.children.find((c) => sameCode(c.concept, concept));
    for (const entry of group.children) {
      if (entry.valueType !== 'IMAGE' || !entry.image) continue;
      const where = evidence.get(entry.image.sopInstanceUid);
      if (!where) {
        warnings.push(
          `library image ${entry.image.sopInstanceUid} is not in the evidence; skipped`,
        );
        continue;
      }
      let series = bySeries.get(where.seriesInstanceUid);
      if (!series) {
        series = {
          source: {
            studyInstanceUid: where.studyInstanceUid,
            seriesInstanceUid: where.seriesInstanceUid,
            modality: context(CODES.modality)?.code?.codeValue ?? '',
            frameOfReferenceUid: context(CODES.frameOfReferenceUid)?.uid ?? null,
            studyDate: context(CODES.studyDate)?.date ?? null,
          },
          images: [],
        };
        bySeries.set(where.seriesInstanceUid, series);
      }
      const frame = entry.image.frameNumbers[0];
      series.images.push({
        sopClassUid: entry.image.sopClassUid,
        sopInstanceUid: entry.image.sopInstanceUid,
        ...(frame !== undefined ? { frameNumber: frame } : {}),
      });
    }
  };
  if (library) {
    visit(library);
    for (const group of library.children)
      if (sameCode(group.concept, CODES.imageLibraryGroup)) visit(group);
  }
  return [...bySeries.values()].map(({ source, images }) => ({ ...source, images }));
}

const fail = (code: 'NOT_AN_SR' | 'NOT_A_MEASUREMENT_REPORT', message: string, file?: string) =>
  ({ ok: false, error: { code, message, ...(file !== undefined ? { file } : {}) } }) as const;

export function readMeasurementReport(
  bytes: Uint8Array,
  file?: string,
): SrResult<ParsedMeasurementReport> {
  let ds: DenaturalizedDataset;
  let root: SrContentItem;
  try {
    const buffer = bytes.buffer.slice(
      bytes.byteOffset,
      bytes.byteOffset + bytes.byteLength,
    ) as ArrayBuffer;
    ds = dcmjs.data.DicomMessage.readFile(buffer).dict;
    root = readContentItem(ds);
  } catch (thrown) {
    return fail(
      'NOT_AN_SR',
      `the file cannot be read as DICOM SR: ${(thrown as Error).message ?? String(thrown)}`,
      file,
    );
  }
  const sopClassUid = readString(ds, '00080016') ?? '';
  if (!SR_SOP_CLASSES.has(sopClassUid))
    return fail('NOT_AN_SR', `SOP class ${sopClassUid} is not an SR we read`, file);
  const isReport =
    root.valueType === 'CONTAINER' &&
    ((root.concept?.codingSchemeDesignator === 'DCM' &&
      REPORT_TITLES.has(root.concept.codeValue)) ||
      root.templateId === '1500');
  if (!isReport)
    return fail(
      'NOT_A_MEASUREMENT_REPORT',
      `root "${root.concept?.codeMeaning ?? '?'}" is not TID 1500`,
      file,
    );

  const warnings: string[] = [];
  const evidence = readEvidence(ds);
  const lesions: SrLesionMeasurement[] = [];
  const findings: SrFinding[] = [];
  const segmentations = new Map<string, SrSegmentationReference>();
  const rois: SrRoiMeasurement[] = [];
  let activitySession: string | null = null;
  const measurements = root.children.filter((c) => sameCode(c.concept, CODES.imagingMeasurements));
  for (const group of measurements.flatMap((m) => m.children)) {
    if (!sameCode(group.concept, CODES.measurementGroup)) continue;
    activitySession ??=
      group.children.find((c) => sameCode(c.concept, CODES.activitySession))?.text ?? null;
    const read = readMeasurementGroup(group, warnings);
    if (read.kind === 'finding') findings.push(read.finding);
    if (read.kind === 'roi') rois.push(read.roi);
    if (read.kind !== 'lesion') continue;
    lesions.push(read.lesion);
    const seg = read.lesion.segment?.segmentationSopInstanceUid;
    if (seg && !segmentations.has(seg)) {
      const where = evidence.get(seg);
      if (!where) warnings.push(`SEG ${seg} is not in the evidence`);
      segmentations.set(seg, {
        sopClassUid: read.segmentClassUid || where?.sopClassUid || '',
        sopInstanceUid: seg,
        studyInstanceUid: where?.studyInstanceUid ?? '',
        seriesInstanceUid: where?.seriesInstanceUid ?? '',
      });
    }
  }
  // ROI groups belong to the report's L/S finding (one per date).
  const ls = findings.findIndex((f) => f.kind === 'liver-spleen');
  if (rois.length > 0 && ls < 0) warnings.push('L/S ROI groups without an L/S finding; skipped');
  if (rois.length > 0 && ls >= 0) findings[ls] = { ...findings[ls]!, rois } as SrFinding;
  const str = (tag: string) => readString(ds, tag)?.trim() ?? '';
  return {
    ok: true,
    value: {
      sopClassUid,
      sopInstanceUid: str('00080018'),
      seriesInstanceUid: str('0020000E'),
      patient: {
        name: str('00100010'),
        id: str('00100020'),
        birthDate: str('00100030'),
        sex: str('00100040'),
      },
      study: {
        studyInstanceUid: str('0020000D'),
        date: str('00080020'),
        time: str('00080030'),
        id: str('00200010'),
        accessionNumber: str('00080050'),
        referringPhysicianName: str('00080090'),
      },
      contentDate: str('00080023') || null,
      completion: str('0040A491') || null,
      observer: readObserver(root),
      procedureReported: root.children.flatMap((c) =>
        sameCode(c.concept, CODES.procedureReported) && c.code ? [c.code] : [],
      ),
      activitySession,
      sourceSeries: readSources(
        root.children.find((c) => sameCode(c.concept, CODES.imageLibrary)),
        evidence,
        warnings,
      ),
      segmentations: [...segmentations.values()],
      lesions,
      findings,
      warnings,
    },
  };
}
