/**
 * The measurement groups of the Imaging Measurements container (TID 1500 row 6): one TID 1411
 * group per lesion, and one group per imaging finding (TID 1501 for the liver pattern and the
 * liver/spleen attenuation, TID 1410 for a biliary interruption, whose region is its point).
 */
import {
  commonFindingItems,
  groupOf,
  qualitativeFindingItems,
  rigidityItem,
  trackingIdOf,
} from './buildFindingGroups.ts';
import { CODES, COUINAUD_CODES, UNITS } from './codes.ts';
import {
  codeItem,
  containerItem,
  imageItem,
  numItem,
  scoord3dPointItem,
  scoordPointItem,
  textItem,
  uidItem,
  type Item,
} from './contentItems.ts';
import type {
  CodedConcept,
  SrBiliaryInterruptionFinding,
  SrBiliaryLevel,
  SrFinding,
  SrLesionMeasurement,
  SrLiverPattern,
  SrCouinaudSegment,
  SrLiverSpleenFinding,
  SrRoiIntensity,
  SrRoiMeasurement,
  SrSegmentationReference,
} from './types.ts';

export const PATTERN_VALUES: Readonly<Record<SrLiverPattern, CodedConcept>> = {
  nodular: CODES.nodular,
  diffuse: CODES.diffuse,
  mixed: CODES.mixed,
  none: CODES.none,
};

export const DEFAULT_TRACKING_IDS = {
  pattern: 'Liver pattern',
  'liver-spleen': 'Liver/spleen attenuation',
  'biliary-interruption': 'Biliary interruption',
} as const;

/** The Classification text of a biliary level; readBiliaryLevel parses it back. */
export function formatBiliaryLevel(level: SrBiliaryLevel): string {
  return level.scheme === 'bismuth-corlette'
    ? `Bismuth-Corlette type ${level.type}`
    : `Intrahepatic duct, Couinaud segment ${level.segment}`;
}

function trackingItems(trackingId: string, trackingUid: string, session: string | null): Item[] {
  return [
    textItem('HAS OBS CONTEXT', CODES.trackingIdentifier, trackingId),
    uidItem('HAS OBS CONTEXT', CODES.trackingUniqueIdentifier, trackingUid),
    ...(session ? [textItem('HAS OBS CONTEXT', CODES.activitySession, session)] : []),
  ];
}

const siteModifier = (site: CodedConcept) => codeItem('HAS CONCEPT MOD', CODES.findingSite, site);

/** Finding Site of a Couinaud segment: CID 7170's code, IVa/IVb with Superior/Inferior. */
export function couinaudSiteItem(segment: SrCouinaudSegment): Item {
  if (segment === 'IVa' || segment === 'IVb')
    return codeItem('HAS CONCEPT MOD', CODES.findingSite, COUINAUD_CODES.IV, [
      codeItem(
        'HAS CONCEPT MOD',
        CODES.topographicalModifier,
        segment === 'IVa' ? CODES.superior : CODES.inferior,
      ),
    ]);
  return siteModifier(COUINAUD_CODES[segment]);
}
const derivationModifier = (d: CodedConcept) => codeItem('HAS CONCEPT MOD', CODES.derivation, d);

/** TID 1411 Volumetric ROI Measurements for one lesion on its SEG segment. */
export function buildLesionGroup(
  lesion: SrLesionMeasurement,
  segmentation: SrSegmentationReference,
  session: string | null,
): Item {
  const intensityConcept =
    lesion.intensityKind === 'mr-signal' ? CODES.mrSignalIntensity : CODES.attenuationCoefficient;
  const intensityUnit =
    lesion.intensityKind === 'mr-signal' ? UNITS.arbitraryUnit : UNITS.hounsfieldUnit;
  const children: Item[] = [
    ...trackingItems(lesion.trackingId!, lesion.trackingUid!, session),
    ...(lesion.findingType ? [codeItem('CONTAINS', CODES.finding, lesion.findingType)] : []),
    ...(lesion.couinaudSegment
      ? [couinaudSiteItem(lesion.couinaudSegment)]
      : lesion.findingSite
        ? [codeItem('HAS CONCEPT MOD', CODES.findingSite, lesion.findingSite)]
        : []),
    imageItem(
      'CONTAINS',
      CODES.referencedSegment,
      { sopClassUid: segmentation.sopClassUid, sopInstanceUid: segmentation.sopInstanceUid },
      lesion.segment!.segmentNumber,
    ),
    uidItem('CONTAINS', CODES.sourceSeriesForSegmentation, lesion.sourceSeriesInstanceUid!),
  ];
  if (lesion.volumeMl !== null)
    children.push(
      numItem('CONTAINS', CODES.volume, lesion.volumeMl, UNITS.milliliter, [
        codeItem('HAS CONCEPT MOD', CODES.measurementMethod, CODES.sumOfSegmentedVoxelVolumes),
      ]),
    );
  if (lesion.longAxisMm !== null)
    children.push(numItem('CONTAINS', CODES.longAxis, lesion.longAxisMm, UNITS.millimeter));
  if (lesion.shortAxisMm !== null)
    children.push(numItem('CONTAINS', CODES.shortAxis, lesion.shortAxisMm, UNITS.millimeter));
  if (lesion.meanIntensity !== null)
    children.push(
      numItem('CONTAINS', intensityConcept, lesion.meanIntensity, intensityUnit, [
        derivationModifier(CODES.mean),
      ]),
    );
  if (lesion.intensitySd !== null)
    children.push(
      numItem('CONTAINS', intensityConcept, lesion.intensitySd, intensityUnit, [
        derivationModifier(CODES.standardDeviation),
      ]),
    );
  for (const m of lesion.otherMeasurements)
    children.push(
      numItem(
        'CONTAINS',
        m.concept,
        m.value,
        m.unit,
        m.derivation ? [derivationModifier(m.derivation)] : [],
      ),
    );
  return containerItem('CONTAINS', CODES.measurementGroup, children, '1411');
}

function roiIntensityItems(site: CodedConcept, roi: SrRoiIntensity): Item[] {
  const sources = roi.images.map((image) =>
    imageItem('INFERRED FROM', CODES.sourceOfMeasurement, image),
  );
  const items = [
    numItem('CONTAINS', CODES.attenuationCoefficient, roi.meanHu, UNITS.hounsfieldUnit, [
      siteModifier(site),
      derivationModifier(CODES.mean),
      ...sources,
    ]),
  ];
  if (roi.sdHu !== null)
    items.push(
      numItem('CONTAINS', CODES.attenuationCoefficient, roi.sdHu, UNITS.hounsfieldUnit, [
        siteModifier(site),
        derivationModifier(CODES.standardDeviation),
      ]),
    );
  return items;
}

/** Tracking id of an L/S ROI group ("Liver ROI 1"); the reader parses it back. */
export const roiTrackingId = (organ: 'liver' | 'spleen', n: number): string =>
  `${organ === 'liver' ? 'Liver' : 'Spleen'} ROI ${n}`;

function roiGroup(roi: SrRoiMeasurement, n: number, trackingUid: string, session: string | null) {
  const organ = roi.organ === 'liver' ? CODES.liver : CODES.spleen;
  const hu = (value: number | null, derivation: CodedConcept) =>
    value === null
      ? []
      : [
          numItem('CONTAINS', CODES.attenuationCoefficient, value, UNITS.hounsfieldUnit, [
            derivationModifier(derivation),
          ]),
        ];
  return groupOf([
    ...trackingItems(roiTrackingId(roi.organ, n), trackingUid, session),
    siteModifier(organ),
    numItem('CONTAINS', CODES.numberOfOccurrences, roi.voxelCount, UNITS.voxels),
    ...hu(roi.meanHu, CODES.mean),
    ...hu(roi.sdHu, CODES.standardDeviation),
    ...hu(roi.minHu, CODES.minimum),
    ...hu(roi.maxHu, CODES.maximum),
    ...(roi.areaMm2 === null
      ? []
      : [numItem('CONTAINS', CODES.area, roi.areaMm2, UNITS.squareMillimeter)]),
    ...(roi.centre
      ? [
          scoord3dPointItem(
            'CONTAINS',
            CODES.imageRegion,
            roi.centre.mm,
            roi.centre.frameOfReferenceUid,
          ),
        ]
      : []),
    ...(roi.radiiMm
      ? (roi.radiiMm[0] === roi.radiiMm[1] ? [roi.radiiMm[0]] : roi.radiiMm).map((r) =>
          numItem('CONTAINS', CODES.radius, r, UNITS.millimeter),
        )
      : []),
    ...(roi.series
      ? [
          uidItem('CONTAINS', CODES.seriesInstanceUid, roi.series.seriesInstanceUid),
          ...(roi.series.studyInstanceUid
            ? [uidItem('CONTAINS', CODES.studyInstanceUid, roi.series.studyInstanceUid)]
            : []),
        ]
      : []),
  ]);
}

function liverSpleenGroup(
  f: SrLiverSpleenFinding,
  trackingUid: string,
  session: string | null,
): Item {
  return containerItem(
    'CONTAINS',
    CODES.measurementGroup,
    [
      ...trackingItems(DEFAULT_TRACKING_IDS['liver-spleen'], trackingUid, session),
      ...roiIntensityItems(CODES.liver, f.liver),
      ...roiIntensityItems(CODES.spleen, f.spleen),
      ...(f.ratio !== null
        ? [numItem('CONTAINS', CODES.ratio, f.ratio, UNITS.noUnits, [siteModifier(CODES.liver)])]
        : []),
      ...(f.contrastEnhanced !== undefined && f.contrastEnhanced !== null
        ? [
            codeItem(
              'CONTAINS',
              CODES.contrastAdministered,
              f.contrastEnhanced ? CODES.yes : CODES.no,
            ),
          ]
        : []),
      ...commonFindingItems(f),
    ],
    '1501',
  );
}

function biliaryGroup(
  f: SrBiliaryInterruptionFinding,
  trackingUid: string,
  session: string | null,
): Item {
  const region =
    f.point.kind === 'patient'
      ? scoord3dPointItem('CONTAINS', CODES.imageRegion, f.point.mm, f.point.frameOfReferenceUid)
      : scoordPointItem('CONTAINS', CODES.imageRegion, f.point.columnRow, f.point.image);
  return containerItem(
    'CONTAINS',
    CODES.measurementGroup,
    [
      ...trackingItems(
        f.trackingId ?? DEFAULT_TRACKING_IDS['biliary-interruption'],
        trackingUid,
        session,
      ),
      codeItem('CONTAINS', CODES.finding, CODES.obstruction),
      codeItem('HAS CONCEPT MOD', CODES.findingSite, CODES.bileDuct),
      codeItem('CONTAINS', CODES.geometricPurposeOfRegion, CODES.center),
      region,
      ...(f.level ? [textItem('CONTAINS', CODES.classification, formatBiliaryLevel(f.level))] : []),
      ...(f.upstreamDilatation !== null
        ? [
            codeItem(
              'CONTAINS',
              CODES.dilatation,
              f.upstreamDilatation ? CODES.present : CODES.absent,
            ),
          ]
        : []),
      ...(f.ductRigidityRarefaction !== undefined && f.ductRigidityRarefaction !== null
        ? [rigidityItem(f.ductRigidityRarefaction)]
        : []),
      ...commonFindingItems(f),
    ],
    '1410',
  );
}

/** UID of the n-th ROI group of an L/S finding. */
export const roiTrackingUid = (trackingUid: string, n: number): string => `${trackingUid}.${n}`;

/**
 * The groups of one finding (an L/S finding also writes one group per ROI); `trackingUid` is
 * the finding's own or a derived one.
 */
export function buildFindingGroups(
  finding: SrFinding,
  trackingUid: string,
  session: string | null,
): Item[] {
  switch (finding.kind) {
    case 'pattern':
      return [
        containerItem(
          'CONTAINS',
          CODES.measurementGroup,
          [
            ...trackingItems(DEFAULT_TRACKING_IDS.pattern, trackingUid, session),
            codeItem('HAS CONCEPT MOD', CODES.findingSite, CODES.liver),
            codeItem('CONTAINS', CODES.distributionDescriptor, PATTERN_VALUES[finding.pattern]),
            ...commonFindingItems(finding),
          ],
          '1501',
        ),
      ];
    case 'liver-spleen': {
      const counters = { liver: 0, spleen: 0 };
      return [
        liverSpleenGroup(finding, trackingUid, session),
        ...(finding.rois ?? []).map((roi, i) =>
          roiGroup(roi, ++counters[roi.organ], roiTrackingUid(trackingUid, i + 1), session),
        ),
      ];
    }
    case 'biliary-interruption':
      return [biliaryGroup(finding, trackingUid, session)];
    default:
      return [
        groupOf([
          ...trackingItems(trackingIdOf(finding), trackingUid, session),
          ...(qualitativeFindingItems(finding) ?? []),
          ...commonFindingItems(finding),
        ]),
      ];
  }
}
