/**
 * One TID 1501/1410/1411 measurement group back into the model: a lesion (anything with a
 * Referenced Segment or measurements), or one of our findings recognised by its codes. Other
 * tools' groups are read as far as the codes allow; the rest becomes warnings, never a throw.
 */
import { CODES, sameCode } from './codes.ts';
import { PATTERN_VALUES } from './buildMeasurementGroups.ts';
import type { SrContentItem } from './readContentTree.ts';
import {
  readCommon,
  readCouinaud,
  readQualitativeFinding,
  readRigidity,
  readRoiGroup,
} from './readFindingGroup.ts';
import type {
  CodedConcept,
  SrBiliaryLevel,
  SrFinding,
  SrImageReference,
  SrLesionMeasurement,
  SrNumericMeasurement,
  SrRoiIntensity,
  SrRoiMeasurement,
} from './types.ts';

export type ReadGroup =
  | {
      readonly kind: 'lesion';
      readonly lesion: SrLesionMeasurement;
      readonly segmentClassUid: string | null;
    }
  | { readonly kind: 'finding'; readonly finding: SrFinding }
  /** One ROI of the report's L/S finding (the report attaches it). */
  | { readonly kind: 'roi'; readonly roi: SrRoiMeasurement }
  | { readonly kind: 'skipped' };

const child = (item: SrContentItem, concept: CodedConcept, valueType?: string) =>
  item.children.find(
    (c) => sameCode(c.concept, concept) && (!valueType || c.valueType === valueType),
  );

const childCode = (item: SrContentItem, concept: CodedConcept) =>
  child(item, concept, 'CODE')?.code ?? null;

const VOLUME_TO_ML: Readonly<Record<string, number>> = {
  ml: 1,
  mL: 1,
  cm3: 1,
  mm3: 0.001,
  l: 1000,
  L: 1000,
};
const LENGTH_TO_MM: Readonly<Record<string, number>> = { mm: 1, cm: 10, um: 0.001, m: 1000 };

function imageRef(image: NonNullable<SrContentItem['image']>): SrImageReference {
  const frame = image.frameNumbers[0];
  return {
    sopClassUid: image.sopClassUid,
    sopInstanceUid: image.sopInstanceUid,
    ...(frame !== undefined ? { frameNumber: frame } : {}),
  };
}

function converted(item: SrContentItem, table: Readonly<Record<string, number>>): number | null {
  const factor =
    item.num?.unit?.codingSchemeDesignator === 'UCUM' ? table[item.num.unit.codeValue] : undefined;
  return item.num && factor !== undefined ? item.num.value * factor : null;
}

function readLesion(group: SrContentItem, warnings: string[]): ReadGroup {
  const segmentItem = child(group, CODES.referencedSegment, 'IMAGE');
  const segmentNumber = segmentItem?.image?.segmentNumbers[0];
  const lesion = {
    trackingId: child(group, CODES.trackingIdentifier, 'TEXT')?.text ?? null,
    trackingUid: child(group, CODES.trackingUniqueIdentifier, 'UIDREF')?.uid ?? null,
    findingType: childCode(group, CODES.finding),
    findingSite: childCode(group, CODES.findingSite),
    segment:
      segmentItem?.image && segmentNumber !== undefined
        ? { segmentationSopInstanceUid: segmentItem.image.sopInstanceUid, segmentNumber }
        : null,
    sourceSeriesInstanceUid: child(group, CODES.sourceSeriesForSegmentation, 'UIDREF')?.uid ?? null,
    volumeMl: null as number | null,
    longAxisMm: null as number | null,
    shortAxisMm: null as number | null,
    intensityKind: null as SrLesionMeasurement['intensityKind'],
    meanIntensity: null as number | null,
    intensitySd: null as number | null,
    otherMeasurements: [] as SrNumericMeasurement[],
  };
  const label = lesion.trackingId ?? lesion.trackingUid ?? 'untracked group';
  const siteItem = child(group, CODES.findingSite, 'CODE');
  const couinaud = readCouinaud(siteItem);
  if (couinaud) Object.assign(lesion, { findingSite: CODES.liver, couinaudSegment: couinaud });
  else if (siteItem?.code?.codeValue === '277958008')
    warnings.push(`${label}: Couinaud segment IV without IVa/IVb; kept as its finding site`);
  if (!lesion.segment) warnings.push(`${label}: no Referenced Segment; its region is not imported`);
  for (const item of group.children) {
    if (item.valueType !== 'NUM' || !item.concept || !item.num) continue;
    const derivation = childCode(item, CODES.derivation);
    const isIntensity =
      sameCode(item.concept, CODES.attenuationCoefficient) ||
      sameCode(item.concept, CODES.mrSignalIntensity);
    const kind = sameCode(item.concept, CODES.mrSignalIntensity) ? 'mr-signal' : 'ct-attenuation';
    const volume = sameCode(item.concept, CODES.volume) ? converted(item, VOLUME_TO_ML) : null;
    const long = sameCode(item.concept, CODES.longAxis) ? converted(item, LENGTH_TO_MM) : null;
    const short = sameCode(item.concept, CODES.shortAxis) ? converted(item, LENGTH_TO_MM) : null;
    if (volume !== null && lesion.volumeMl === null) lesion.volumeMl = volume;
    else if (long !== null && lesion.longAxisMm === null) lesion.longAxisMm = long;
    else if (short !== null && lesion.shortAxisMm === null) lesion.shortAxisMm = short;
    else if (isIntensity && sameCode(derivation, CODES.mean) && lesion.meanIntensity === null) {
      lesion.meanIntensity = item.num.value;
      lesion.intensityKind = kind;
    } else if (
      isIntensity &&
      sameCode(derivation, CODES.standardDeviation) &&
      lesion.intensitySd === null
    ) {
      lesion.intensitySd = item.num.value;
      lesion.intensityKind = kind;
    } else if (item.num.unit) {
      lesion.otherMeasurements.push({
        concept: item.concept,
        value: item.num.value,
        unit: item.num.unit,
        derivation,
      });
    } else
      warnings.push(`${label}: measurement "${item.concept.codeMeaning}" has no unit; skipped`);
  }
  return { kind: 'lesion', lesion, segmentClassUid: segmentItem?.image?.sopClassUid ?? null };
}

function roiIntensity(group: SrContentItem, site: CodedConcept): SrRoiIntensity | null {
  const at = (derivation: CodedConcept) =>
    group.children.find(
      (c) =>
        c.valueType === 'NUM' &&
        sameCode(c.concept, CODES.attenuationCoefficient) &&
        sameCode(childCode(c, CODES.findingSite), site) &&
        sameCode(childCode(c, CODES.derivation), derivation),
    );
  const mean = at(CODES.mean);
  if (!mean?.num) return null;
  const images = mean.children.flatMap((c) =>
    c.valueType === 'IMAGE' && c.relationship === 'INFERRED FROM' && c.image
      ? [imageRef(c.image)]
      : [],
  );
  return { meanHu: mean.num.value, sdHu: at(CODES.standardDeviation)?.num?.value ?? null, images };
}

/** Parses the Classification text written by formatBiliaryLevel. */
export function readBiliaryLevel(text: string | null): SrBiliaryLevel | null {
  const bismuth = /^Bismuth-Corlette type (I|II|IIIa|IIIb|IV)$/.exec(text ?? '');
  if (bismuth) return { scheme: 'bismuth-corlette', type: bismuth[1] as 'I' };
  const segment = /^Intrahepatic duct, Couinaud segment (\S+)$/.exec(text ?? '');
  return segment ? { scheme: 'intrahepatic-segment', segment: segment[1]! } : null;
}

function readBiliary(
  group: SrContentItem,
  trackingUid: string | null,
  warnings: string[],
): ReadGroup {
  const region = group.children.find(
    (c) => sameCode(c.concept, CODES.imageRegion) && c.graphic?.type === 'POINT',
  );
  const g = region?.graphic;
  const selected = region?.children.find((c) => c.valueType === 'IMAGE' && c.image)?.image;
  let point: Extract<SrFinding, { kind: 'biliary-interruption' }>['point'] | null = null;
  if (region?.valueType === 'SCOORD3D' && g && g.data.length >= 3 && g.frameOfReferenceUid)
    point = {
      kind: 'patient',
      mm: [g.data[0]!, g.data[1]!, g.data[2]!],
      frameOfReferenceUid: g.frameOfReferenceUid,
    };
  else if (region?.valueType === 'SCOORD' && g && g.data.length >= 2 && selected)
    point = { kind: 'image', image: imageRef(selected), columnRow: [g.data[0]!, g.data[1]!] };
  if (!point) {
    warnings.push('biliary interruption without a readable POINT region; skipped');
    return { kind: 'skipped' };
  }
  const classification = child(group, CODES.classification, 'TEXT')?.text ?? null;
  const level = readBiliaryLevel(classification);
  if (classification && !level) warnings.push(`biliary level "${classification}" not recognised`);
  const dilatation = childCode(group, CODES.dilatation);
  const rigidity = readRigidity(group);
  return {
    kind: 'finding',
    finding: {
      kind: 'biliary-interruption',
      trackingId: child(group, CODES.trackingIdentifier, 'TEXT')?.text ?? null,
      trackingUid,
      point,
      level,
      upstreamDilatation: sameCode(dilatation, CODES.present)
        ? true
        : sameCode(dilatation, CODES.absent)
          ? false
          : null,
      ...(rigidity !== null ? { ductRigidityRarefaction: rigidity } : {}),
      ...readCommon(group),
    },
  };
}

export function readMeasurementGroup(group: SrContentItem, warnings: string[]): ReadGroup {
  const trackingUid = child(group, CODES.trackingUniqueIdentifier, 'UIDREF')?.uid ?? null;
  const trackingId = child(group, CODES.trackingIdentifier, 'TEXT')?.text ?? null;
  const roi = readRoiGroup(group, trackingId);
  if (roi) return { kind: 'roi', roi };
  const qualitative = readQualitativeFinding(group, trackingId, trackingUid);
  if (qualitative) return { kind: 'finding', finding: qualitative };
  const distribution = childCode(group, CODES.distributionDescriptor);
  if (distribution) {
    const pattern = (Object.keys(PATTERN_VALUES) as Array<keyof typeof PATTERN_VALUES>).find((k) =>
      sameCode(distribution, PATTERN_VALUES[k]),
    );
    if (pattern)
      return {
        kind: 'finding',
        finding: { kind: 'pattern', trackingUid, pattern, ...readCommon(group) },
      };
    warnings.push(
      `liver pattern "${distribution.codeMeaning}" is not nodular/diffuse/mixed/none; skipped`,
    );
    return { kind: 'skipped' };
  }
  const spleen = roiIntensity(group, CODES.spleen);
  const liver = roiIntensity(group, CODES.liver);
  if (spleen && liver) {
    const ratio = group.children.find(
      (c) => c.valueType === 'NUM' && sameCode(c.concept, CODES.ratio),
    )?.num;
    const contrast = childCode(group, CODES.contrastAdministered);
    return {
      kind: 'finding',
      finding: {
        kind: 'liver-spleen',
        trackingUid,
        liver,
        spleen,
        ratio: ratio?.value ?? null,
        ...(contrast ? { contrastEnhanced: sameCode(contrast, CODES.yes) } : {}),
        ...readCommon(group),
      },
    };
  }
  if (
    sameCode(childCode(group, CODES.finding), CODES.obstruction) ||
    sameCode(childCode(group, CODES.findingSite), CODES.bileDuct)
  )
    return readBiliary(group, trackingUid, warnings);
  if (child(group, CODES.referencedSegment) || group.children.some((c) => c.valueType === 'NUM'))
    return readLesion(group, warnings);
  warnings.push(`measurement group ${trackingUid ?? ''} has nothing this viewer reads; skipped`);
  return { kind: 'skipped' };
}
