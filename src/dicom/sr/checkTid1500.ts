/**
 * Checks that an SR content tree carries the rows PS3.16 TID 1500 requires (dciodvfy checks the
 * IOD, not templates): root title and template, Language of Content (TID 1204), an observer with
 * its identifying row (TID 1002–1004), Procedure reported, the Image Library (TID 1600) with
 * groups of images, and Imaging Measurements whose groups (TID 1501/1410/1411) carry Tracking
 * Identifier and UID (TID 4108), one ROI reference for ROI groups and well-formed NUMs (TID 300).
 * `profile: true` adds what this product always writes: Activity Session in every group, and
 * Finding and Finding Site in lesion groups.
 */
import { CODES, sameCode } from './codes.ts';
import type { SrContentItem } from './readContentTree.ts';
import type { CodedConcept } from './types.ts';

const has = (
  item: SrContentItem,
  concept: CodedConcept,
  valueType: string,
  relationship?: string,
) =>
  item.children.filter(
    (c) =>
      sameCode(c.concept, concept) &&
      c.valueType === valueType &&
      (!relationship || c.relationship === relationship),
  );

function checkObservers(root: SrContentItem, problems: string[]): void {
  const types = has(root, CODES.observerType, 'CODE', 'HAS OBS CONTEXT');
  const personName = has(root, CODES.personObserverName, 'PNAME', 'HAS OBS CONTEXT').length > 0;
  const deviceUid = has(root, CODES.deviceObserverUid, 'UIDREF', 'HAS OBS CONTEXT').length > 0;
  if (types.length === 0 && !personName)
    problems.push('TID 1002: no observer context (Observer Type)');
  if (types.some((t) => sameCode(t.code, CODES.device)) && !deviceUid)
    problems.push('TID 1004: Device observer without Device Observer UID');
  if (types.some((t) => sameCode(t.code, CODES.person)) && !personName)
    problems.push('TID 1003: Person observer without Person Observer Name');
}

function checkLibrary(root: SrContentItem, problems: string[]): void {
  const library = has(root, CODES.imageLibrary, 'CONTAINER', 'CONTAINS');
  if (library.length !== 1) {
    problems.push('TID 1500 row 5: exactly one Image Library container is required (TID 1600)');
    return;
  }
  const groups = has(library[0]!, CODES.imageLibraryGroup, 'CONTAINER', 'CONTAINS');
  if (groups.length === 0) problems.push('TID 1600: Image Library has no Image Library Group');
  for (const g of groups)
    if (
      !g.children.some((c) => c.valueType === 'IMAGE' && c.relationship === 'CONTAINS' && c.image)
    )
      problems.push('TID 1601: an Image Library Group holds no IMAGE entry');
}

function checkNum(num: SrContentItem, where: string, problems: string[]): void {
  if (!num.concept) problems.push(`${where}: NUM without concept name`);
  if (!num.num)
    problems.push(`${where}: NUM "${num.concept?.codeMeaning}" without a numeric value`);
  else if (!num.num.unit)
    problems.push(`${where}: NUM "${num.concept?.codeMeaning}" without units`);
}

function checkGroup(
  group: SrContentItem,
  index: number,
  profile: boolean,
  problems: string[],
): void {
  const where = `Measurement Group ${index + 1}`;
  if (has(group, CODES.trackingIdentifier, 'TEXT', 'HAS OBS CONTEXT').length !== 1)
    problems.push(`${where}: TID 4108 Tracking Identifier (112039) is required once`);
  if (has(group, CODES.trackingUniqueIdentifier, 'UIDREF', 'HAS OBS CONTEXT').length !== 1)
    problems.push(`${where}: TID 4108 Tracking Unique Identifier (112040) is required once`);
  if (profile && has(group, CODES.activitySession, 'TEXT', 'HAS OBS CONTEXT').length !== 1)
    problems.push(`${where}: Activity Session (C67447) missing`);
  const segments = has(group, CODES.referencedSegment, 'IMAGE', 'CONTAINS');
  const regions = group.children.filter((c) => sameCode(c.concept, CODES.imageRegion));
  if (group.templateId === '1411' || group.templateId === '1410') {
    if (segments.length + (regions.length > 0 ? 1 : 0) !== 1)
      problems.push(
        `${where}: TID ${group.templateId} needs exactly one ROI reference (segment or image region)`,
      );
  }
  for (const s of segments) {
    if (!s.image || s.image.segmentNumbers.length !== 1)
      problems.push(`${where}: Referenced Segment must name one segment number`);
    if (
      has(group, CODES.sourceSeriesForSegmentation, 'UIDREF').length === 0 &&
      !group.children.some((c) => c.valueType === 'IMAGE' && c !== s)
    )
      problems.push(`${where}: TID 1411 Source series (or images) for segmentation missing`);
    if (
      profile &&
      (has(group, CODES.finding, 'CODE').length !== 1 ||
        has(group, CODES.findingSite, 'CODE').length === 0)
    )
      problems.push(`${where}: lesion group without Finding and Finding Site`);
  }
  for (const r of regions)
    if (!r.graphic) problems.push(`${where}: Image Region without graphic data`);
  group.children.filter((c) => c.valueType === 'NUM').forEach((n) => checkNum(n, where, problems));
}

/** The TID 1500 rows missing or malformed in `root`; empty when the tree conforms. */
export function checkTid1500(root: SrContentItem, options: { profile?: boolean } = {}): string[] {
  const problems: string[] = [];
  const profile = options.profile ?? false;
  if (root.valueType !== 'CONTAINER' || root.relationship !== null)
    problems.push('TID 1500 row 1: the root must be a CONTAINER');
  if (
    !root.concept ||
    root.concept.codingSchemeDesignator !== 'DCM' ||
    !/^12600[0-3]$/.test(root.concept.codeValue)
  )
    problems.push('TID 1500 row 1: document title must come from CID 7021');
  if (root.templateId !== '1500')
    problems.push('TID 1500 row 1: ContentTemplateSequence must name 1500 (DCMR)');
  if (has(root, CODES.languageOfContent, 'CODE', 'HAS CONCEPT MOD').length !== 1)
    problems.push(
      'TID 1500 row 2: Language of Content Item and Descendants (TID 1204) is required',
    );
  checkObservers(root, problems);
  if (has(root, CODES.procedureReported, 'CODE', 'HAS CONCEPT MOD').length === 0)
    problems.push('TID 1500 row 4: Procedure reported is required');
  checkLibrary(root, problems);
  const measurements = has(root, CODES.imagingMeasurements, 'CONTAINER', 'CONTAINS');
  if (measurements.length !== 1)
    problems.push('TID 1500 row 6: one Imaging Measurements container expected');
  const groups = measurements.flatMap((m) =>
    has(m, CODES.measurementGroup, 'CONTAINER', 'CONTAINS'),
  );
  if (measurements.length === 1 && groups.length === 0)
    problems.push('TID 1500 row 7: Imaging Measurements holds no Measurement Group');
  groups.forEach((g, i) => checkGroup(g, i, profile, problems));
  return problems;
}
