/**
 * Groups of the date's qualitative findings beyond pattern, L/S and biliary interruption: the
 * MRCP duct reading, hepatomegaly with the liver span, present/absent findings, lesion signal
 * and the response per date. Each is a TID 1501 group; a value with a standard code is a CODE
 * item, one without (signal hypo/iso/hyper, duct rigidity, volumetric response) a TEXT item
 * under a DCM/SCT concept. Code choices are explained in README.md.
 */
import { CODES, UNITS } from './codes.ts';
import {
  codeItem,
  containerItem,
  numItem,
  scoord3dPolylineItem,
  textItem,
  uidItem,
  type Item,
} from './contentItems.ts';
import type {
  CodedConcept,
  SrFinding,
  SrHepatomegalyFinding,
  SrLesionSignalFinding,
  SrMrcpDuctsFinding,
  SrPresenceFinding,
  SrResponseCategory,
  SrResponseFinding,
  SrSignalIntensity,
} from './types.ts';

/** Present/absent concept of each presence finding (value CID 240/241). */
export const PRESENCE_CONCEPTS: Readonly<Record<SrPresenceFinding['kind'], CodedConcept>> = {
  ascites: CODES.ascites,
  't2-parenchymal-oedema': CODES.edema,
  // "Attenuation Coefficient: Decreased, homogeneous"; absent is written as Absent.
  'homogeneous-density-decrease': CODES.attenuationCoefficient,
};

export const RECIST_RESPONSE_CODES: Readonly<
  Record<Exclude<SrResponseCategory, 'BASELINE'>, CodedConcept>
> = {
  CR: CODES.targetLesionCompleteResponse,
  PR: CODES.targetLesionPartialResponse,
  PD: CODES.targetLesionProgressiveDisease,
  SD: CODES.targetLesionStableDisease,
};

/** The TEXT values written where no code exists; the reader parses them back. */
export const SIGNAL_TEXT: Readonly<Record<SrSignalIntensity, string>> = {
  hypo: 'hypointense',
  iso: 'isointense',
  hyper: 'hyperintense',
};
export const RIGIDITY_TEXT = 'Rigidity and rarefaction of small intrahepatic ducts';
export const VOLUMETRIC_METHOD_TEXT = 'Volumetric: total tumour volume (+72.8 % / -65.7 %)';
export const RESPONSE_TEXT: Readonly<Record<SrResponseCategory, string>> = {
  BASELINE: 'Baseline',
  CR: 'Complete response',
  PR: 'Partial response',
  SD: 'Stable disease',
  PD: 'Progressive disease',
};

export const FINDING_TRACKING_IDS = {
  'mrcp-ducts': 'MRCP duct reading',
  hepatomegaly: 'Hepatomegaly',
  ascites: 'Ascites',
  't2-parenchymal-oedema': 'T2 parenchymal oedema',
  'homogeneous-density-decrease': 'Homogeneous density decrease',
  'lesion-signal': 'Lesion signal',
  'response-recist-1.1': 'Response RECIST 1.1',
  'response-volumetric': 'Response volumetric',
} as const;

const presence = (value: boolean) => (value ? CODES.present : CODES.absent);
const site = (s: CodedConcept) => codeItem('HAS CONCEPT MOD', CODES.findingSite, s);

/** The rigidity/rarefaction statement: TEXT under Finding (no SNOMED CT concept exists). */
export const rigidityItem = (value: boolean): Item =>
  textItem('CONTAINS', CODES.finding, `${RIGIDITY_TEXT}: ${value ? 'present' : 'absent'}`);

function mrcpItems(f: SrMrcpDuctsFinding): Item[] {
  const items: Item[] = [site(CODES.bileDuct)];
  if (f.rigidityRarefaction !== null) items.push(rigidityItem(f.rigidityRarefaction));
  if (f.segmentalDilatation !== null)
    items.push(
      codeItem('CONTAINS', CODES.dilatation, presence(f.segmentalDilatation), [
        codeItem('HAS CONCEPT MOD', CODES.topographicalModifier, CODES.segmental),
      ]),
    );
  if (f.commonBileDuctDilated !== null)
    items.push(
      codeItem('CONTAINS', CODES.dilatation, presence(f.commonBileDuctDilated), [
        site(CODES.commonBileDuct),
      ]),
    );
  return items;
}

function hepatomegalyItems(f: SrHepatomegalyFinding): Item[] {
  const items: Item[] = [
    site(CODES.liver),
    codeItem('CONTAINS', CODES.hepatomegaly, presence(f.present)),
  ];
  if (f.liverSpanMm !== null)
    items.push(
      numItem(
        'CONTAINS',
        CODES.length,
        f.liverSpanMm,
        UNITS.millimeter,
        f.spanLine
          ? [
              scoord3dPolylineItem(
                'INFERRED FROM',
                CODES.imageRegion,
                [f.spanLine.fromMm, f.spanLine.toMm],
                f.spanLine.frameOfReferenceUid,
              ),
            ]
          : [],
      ),
    );
  return items;
}

function presenceItems(f: SrPresenceFinding): Item[] {
  if (f.kind === 'homogeneous-density-decrease')
    return [
      site(CODES.liver),
      codeItem(
        'CONTAINS',
        CODES.attenuationCoefficient,
        f.present ? CODES.decreased : CODES.absent,
        [codeItem('HAS CONCEPT MOD', CODES.distributionDescriptor, CODES.homogeneous)],
      ),
    ];
  return [
    ...(f.kind === 't2-parenchymal-oedema' ? [site(CODES.liver)] : []),
    codeItem('CONTAINS', PRESENCE_CONCEPTS[f.kind], presence(f.present)),
  ];
}

function signalItems(f: SrLesionSignalFinding): Item[] {
  const items: Item[] = [site(CODES.liver)];
  if (f.t1) items.push(textItem('CONTAINS', CODES.t1WeightedSignal, SIGNAL_TEXT[f.t1]));
  if (f.t2) items.push(textItem('CONTAINS', CODES.t2WeightedSignal, SIGNAL_TEXT[f.t2]));
  return items;
}

function responseItems(f: SrResponseFinding): Item[] {
  if (f.method === 'recist-1.1')
    return [
      codeItem('HAS CONCEPT MOD', CODES.responseEvaluationMethod, CODES.recist11),
      f.category === 'BASELINE'
        ? textItem('CONTAINS', CODES.currentResponse, RESPONSE_TEXT.BASELINE)
        : codeItem('CONTAINS', CODES.currentResponse, RECIST_RESPONSE_CODES[f.category]),
    ];
  return [
    textItem('HAS CONCEPT MOD', CODES.responseEvaluationMethod, VOLUMETRIC_METHOD_TEXT),
    textItem('CONTAINS', CODES.currentResponse, RESPONSE_TEXT[f.category]),
  ];
}

/** Tracking id of a finding group of the kinds built here. */
export function trackingIdOf(f: SrFinding): string {
  switch (f.kind) {
    case 'lesion-signal':
      return f.lesionId
        ? `${FINDING_TRACKING_IDS['lesion-signal']} ${f.lesionId}`
        : FINDING_TRACKING_IDS['lesion-signal'];
    case 'response':
      return FINDING_TRACKING_IDS[`response-${f.method}`];
    case 'mrcp-ducts':
    case 'hepatomegaly':
    case 'ascites':
    case 't2-parenchymal-oedema':
    case 'homogeneous-density-decrease':
      return FINDING_TRACKING_IDS[f.kind];
    default:
      return f.kind;
  }
}

/** The group content (after the tracking rows) of the finding kinds built here; null: not one. */
export function qualitativeFindingItems(f: SrFinding): Item[] | null {
  switch (f.kind) {
    case 'mrcp-ducts':
      return mrcpItems(f);
    case 'hepatomegaly':
      return hepatomegalyItems(f);
    case 'ascites':
    case 't2-parenchymal-oedema':
    case 'homogeneous-density-decrease':
      return presenceItems(f);
    case 'lesion-signal':
      return signalItems(f);
    case 'response':
      return responseItems(f);
    default:
      return null;
  }
}

/** Series references and comment, written last in every finding group. */
export function commonFindingItems(f: SrFinding): Item[] {
  const items: Item[] = [];
  for (const ref of f.referencedSeries ?? []) {
    items.push(uidItem('CONTAINS', CODES.seriesInstanceUid, ref.seriesInstanceUid));
    if (ref.studyInstanceUid)
      items.push(uidItem('CONTAINS', CODES.studyInstanceUid, ref.studyInstanceUid));
  }
  if (f.comment) items.push(textItem('CONTAINS', CODES.comment, f.comment));
  return items;
}

export const groupOf = (children: Item[]): Item =>
  containerItem('CONTAINS', CODES.measurementGroup, children, '1501');
