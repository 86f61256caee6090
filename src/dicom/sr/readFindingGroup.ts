/**
 * Reads back the finding groups written by buildFindingGroups.ts (MRCP ducts, hepatomegaly,
 * present/absent findings, lesion signal, response), the L/S ROI groups, and what every finding
 * group may carry (series references, comment). Recognised by codes, not by tracking ids, except
 * the ROI number and the lesion of a signal finding, which only the tracking id holds.
 */
import {
  FINDING_TRACKING_IDS,
  PRESENCE_CONCEPTS,
  RECIST_RESPONSE_CODES,
  RESPONSE_TEXT,
  RIGIDITY_TEXT,
  SIGNAL_TEXT,
} from './buildFindingGroups.ts';
import { CODES, COUINAUD_CODES, sameCode } from './codes.ts';
import type { SrContentItem } from './readContentTree.ts';
import type {
  CodedConcept,
  SrCouinaudSegment,
  SrFinding,
  SrRoiMeasurement,
  SrSeriesReference,
  SrSignalIntensity,
} from './types.ts';

const children = (item: SrContentItem, concept: CodedConcept, valueType?: string) =>
  item.children.filter(
    (c) => sameCode(c.concept, concept) && (!valueType || c.valueType === valueType),
  );
const first = (item: SrContentItem, concept: CodedConcept, valueType?: string) =>
  children(item, concept, valueType)[0];

/** Present → true, Absent → false, anything else → null. */
function presence(code: CodedConcept | null | undefined): boolean | null {
  if (sameCode(code, CODES.present)) return true;
  if (sameCode(code, CODES.absent)) return false;
  return null;
}

/** Series (and study) UIDREFs of a group, a study UID belonging to the series before it. */
export function readSeriesReferences(group: SrContentItem): SrSeriesReference[] {
  const refs: SrSeriesReference[] = [];
  for (const c of group.children) {
    if (c.valueType !== 'UIDREF' || !c.uid) continue;
    if (sameCode(c.concept, CODES.seriesInstanceUid))
      refs.push({ seriesInstanceUid: c.uid, studyInstanceUid: null });
    else if (sameCode(c.concept, CODES.studyInstanceUid) && refs.length > 0)
      refs[refs.length - 1] = { ...refs[refs.length - 1]!, studyInstanceUid: c.uid };
  }
  return refs;
}

/** Series references and comment, only when the group has them (older reports stay as read). */
export function readCommon(group: SrContentItem): {
  referencedSeries?: SrSeriesReference[];
  comment?: string;
} {
  const referencedSeries = readSeriesReferences(group);
  const comment = first(group, CODES.comment, 'TEXT')?.text;
  return {
    ...(referencedSeries.length > 0 ? { referencedSeries } : {}),
    ...(comment ? { comment } : {}),
  };
}

/** The Couinaud segment of a Finding Site item (CID 7170, IV with Superior/Inferior). */
export function readCouinaud(site: SrContentItem | undefined): SrCouinaudSegment | null {
  const code = site?.code;
  const key = (Object.keys(COUINAUD_CODES) as Array<keyof typeof COUINAUD_CODES>).find((k) =>
    sameCode(code, COUINAUD_CODES[k]),
  );
  if (!key || !site) return null;
  if (key !== 'IV') return key;
  const modifier = first(site, CODES.topographicalModifier, 'CODE')?.code;
  if (sameCode(modifier, CODES.superior)) return 'IVa';
  if (sameCode(modifier, CODES.inferior)) return 'IVb';
  // Segment IV without its subsegment: the model has IVa and IVb only; the caller warns.
  return null;
}

const rigidity = (group: SrContentItem): boolean | null => {
  const text = children(group, CODES.finding, 'TEXT').find((c) =>
    c.text?.startsWith(RIGIDITY_TEXT),
  )?.text;
  if (text === `${RIGIDITY_TEXT}: present`) return true;
  if (text === `${RIGIDITY_TEXT}: absent`) return false;
  return null;
};
export const readRigidity = rigidity;

const ROI_TRACKING_ID = /^(Liver|Spleen) ROI (\d+)$/;

/** An L/S ROI group ("Liver ROI 1" with a voxel count); null when the group is not one. */
export function readRoiGroup(
  group: SrContentItem,
  trackingId: string | null,
): SrRoiMeasurement | null {
  const match = ROI_TRACKING_ID.exec(trackingId ?? '');
  const count = first(group, CODES.numberOfOccurrences, 'NUM')?.num?.value;
  if (!match || count === undefined) return null;
  const hu = (derivation: CodedConcept) =>
    children(group, CODES.attenuationCoefficient, 'NUM').find((c) =>
      sameCode(first(c, CODES.derivation, 'CODE')?.code, derivation),
    )?.num?.value ?? null;
  const series = readSeriesReferences(group)[0] ?? null;
  const point = group.children.find(
    (c) => sameCode(c.concept, CODES.imageRegion) && c.graphic?.type === 'POINT',
  )?.graphic;
  const radii = children(group, CODES.radius, 'NUM').flatMap((c) => (c.num ? [c.num.value] : []));
  const extra = {
    ...(point && point.data.length >= 3 && point.frameOfReferenceUid
      ? {
          centre: {
            mm: [point.data[0]!, point.data[1]!, point.data[2]!] as [number, number, number],
            frameOfReferenceUid: point.frameOfReferenceUid,
          },
        }
      : {}),
    ...(radii.length > 0 ? { radiiMm: [radii[0]!, radii[1] ?? radii[0]!] as const } : {}),
  };
  return {
    organ: match[1] === 'Liver' ? 'liver' : 'spleen',
    voxelCount: count,
    meanHu: hu(CODES.mean),
    sdHu: hu(CODES.standardDeviation),
    minHu: hu(CODES.minimum),
    maxHu: hu(CODES.maximum),
    areaMm2: first(group, CODES.area, 'NUM')?.num?.value ?? null,
    series,
    ...extra,
  };
}

function readSignal(text: string | null | undefined): SrSignalIntensity | null {
  const key = (Object.keys(SIGNAL_TEXT) as SrSignalIntensity[]).find(
    (k) => SIGNAL_TEXT[k] === text,
  );
  return key ?? null;
}

function readResponse(group: SrContentItem, trackingUid: string | null): SrFinding | null {
  const method = first(group, CODES.responseEvaluationMethod);
  const current = first(group, CODES.currentResponse);
  if (!method || !current) return null;
  const isRecist = sameCode(method.code, CODES.recist11);
  let category: keyof typeof RESPONSE_TEXT | undefined;
  if (current.valueType === 'CODE')
    category = (
      Object.keys(RECIST_RESPONSE_CODES) as Array<keyof typeof RECIST_RESPONSE_CODES>
    ).find((k) => sameCode(current.code, RECIST_RESPONSE_CODES[k]));
  else
    category = (Object.keys(RESPONSE_TEXT) as Array<keyof typeof RESPONSE_TEXT>).find(
      (k) => RESPONSE_TEXT[k] === current.text,
    );
  if (!category) return null;
  return {
    kind: 'response',
    trackingUid,
    method: isRecist ? 'recist-1.1' : 'volumetric',
    category,
  };
}

/**
 * A finding group of the kinds buildFindingGroups.ts writes; null when the group is none of
 * them (the caller tries pattern, L/S, biliary and lesion next).
 */
export function readQualitativeFinding(
  group: SrContentItem,
  trackingId: string | null,
  trackingUid: string | null,
): SrFinding | null {
  const common = { trackingUid, ...readCommon(group) };
  const response = readResponse(group, trackingUid);
  if (response) return { ...response, ...common };
  const hepatomegaly = first(group, CODES.hepatomegaly, 'CODE');
  if (hepatomegaly) {
    const span = first(group, CODES.length, 'NUM');
    const line = span?.children.find(
      (c) => c.valueType === 'SCOORD3D' && c.graphic?.type === 'POLYLINE',
    )?.graphic;
    const d = line?.data ?? [];
    return {
      kind: 'hepatomegaly',
      ...common,
      present: presence(hepatomegaly.code) === true,
      liverSpanMm: span?.num?.value ?? null,
      spanLine:
        line && d.length >= 6 && line.frameOfReferenceUid
          ? {
              fromMm: [d[0]!, d[1]!, d[2]!],
              toMm: [d[3]!, d[4]!, d[5]!],
              frameOfReferenceUid: line.frameOfReferenceUid,
            }
          : null,
    };
  }
  for (const kind of ['ascites', 't2-parenchymal-oedema'] as const) {
    const item = first(group, PRESENCE_CONCEPTS[kind], 'CODE');
    if (item) return { kind, ...common, present: presence(item.code) === true };
  }
  const attenuation = first(group, CODES.attenuationCoefficient, 'CODE');
  if (attenuation)
    return {
      kind: 'homogeneous-density-decrease',
      ...common,
      present: sameCode(attenuation.code, CODES.decreased),
    };
  const t1 = first(group, CODES.t1WeightedSignal, 'TEXT');
  const t2 = first(group, CODES.t2WeightedSignal, 'TEXT');
  if (t1 || t2) {
    const prefix = `${FINDING_TRACKING_IDS['lesion-signal']} `;
    return {
      kind: 'lesion-signal',
      ...common,
      lesionId: trackingId?.startsWith(prefix) ? trackingId.slice(prefix.length) : null,
      t1: readSignal(t1?.text),
      t2: readSignal(t2?.text),
    };
  }
  const isBileDuct = sameCode(first(group, CODES.findingSite, 'CODE')?.code, CODES.bileDuct);
  const hasRegion = group.children.some((c) => sameCode(c.concept, CODES.imageRegion));
  const isObstruction = sameCode(first(group, CODES.finding, 'CODE')?.code, CODES.obstruction);
  if (isBileDuct && !hasRegion && !isObstruction) {
    const dilatations = children(group, CODES.dilatation, 'CODE');
    const segmental = dilatations.find((d) =>
      sameCode(first(d, CODES.topographicalModifier, 'CODE')?.code, CODES.segmental),
    );
    const cbd = dilatations.find((d) =>
      sameCode(first(d, CODES.findingSite, 'CODE')?.code, CODES.commonBileDuct),
    );
    return {
      kind: 'mrcp-ducts',
      ...common,
      rigidityRarefaction: rigidity(group),
      segmentalDilatation: presence(segmental?.code),
      commonBileDuctDilated: presence(cbd?.code),
    };
  }
  return null;
}
