/**
 * Builders of SR content items (PS3.3 C.17.3 Document Content Macro) as dcmjs naturalized
 * datasets, one per value type. Relationship types are PS3.3 C.17.3.2.4's enumerated values.
 */
import type { NaturalDataset } from 'dcmjs';
import { TEMPLATE_MAPPING_RESOURCE } from './codes.ts';
import type { CodedConcept, SrImageReference } from './types.ts';

export type Relationship =
  | 'CONTAINS'
  | 'HAS OBS CONTEXT'
  | 'HAS CONCEPT MOD'
  | 'HAS ACQ CONTEXT'
  | 'HAS PROPERTIES'
  | 'INFERRED FROM'
  | 'SELECTED FROM';

export type Item = NaturalDataset;

export const codeSequence = (c: CodedConcept) => [
  {
    CodeValue: c.codeValue,
    CodingSchemeDesignator: c.codingSchemeDesignator,
    CodeMeaning: c.codeMeaning,
  },
];

/** DS: a decimal string of at most 16 characters (PS3.5 Table 6.2-1). */
export function formatDs(n: number): string {
  let s = String(n);
  for (let digits = 15; s.length > 16 && digits > 0; digits--)
    s = String(Number(n.toPrecision(digits)));
  if (s.length > 16) s = n.toExponential(8);
  return s === '-0' ? '0' : s;
}

function item(
  relationship: Relationship | null,
  valueType: string,
  concept: CodedConcept | null,
): Item {
  return {
    ...(relationship ? { RelationshipType: relationship } : {}),
    ValueType: valueType,
    ...(concept ? { ConceptNameCodeSequence: codeSequence(concept) } : {}),
  };
}

const withChildren = (it: Item, children: readonly Item[] | undefined): Item =>
  children && children.length > 0 ? { ...it, ContentSequence: [...children] } : it;

export function containerItem(
  relationship: Relationship | null,
  concept: CodedConcept,
  children: readonly Item[],
  templateId?: string,
): Item {
  return withChildren(
    {
      ...item(relationship, 'CONTAINER', concept),
      ContinuityOfContent: 'SEPARATE',
      ...(templateId
        ? {
            ContentTemplateSequence: [
              { MappingResource: TEMPLATE_MAPPING_RESOURCE, TemplateIdentifier: templateId },
            ],
          }
        : {}),
    },
    children,
  );
}

export function codeItem(
  relationship: Relationship,
  concept: CodedConcept,
  value: CodedConcept,
  children?: readonly Item[],
): Item {
  return withChildren(
    { ...item(relationship, 'CODE', concept), ConceptCodeSequence: codeSequence(value) },
    children,
  );
}

export const textItem = (
  relationship: Relationship,
  concept: CodedConcept,
  text: string,
): Item => ({
  ...item(relationship, 'TEXT', concept),
  TextValue: text,
});

export const uidItem = (relationship: Relationship, concept: CodedConcept, uid: string): Item => ({
  ...item(relationship, 'UIDREF', concept),
  UID: uid,
});

export const dateItem = (
  relationship: Relationship,
  concept: CodedConcept,
  date: string,
): Item => ({
  ...item(relationship, 'DATE', concept),
  Date: date,
});

export const personItem = (
  relationship: Relationship,
  concept: CodedConcept,
  name: string,
): Item => ({
  ...item(relationship, 'PNAME', concept),
  PersonName: name,
});

/**
 * NUM with its value twice: NumericValue (DS, ≤ 16 characters) for every reader and
 * FloatingPointValue (FD, PS3.3 C.18.1) so the exact double survives a round trip.
 */
export function numItem(
  relationship: Relationship,
  concept: CodedConcept,
  value: number,
  unit: CodedConcept,
  children?: readonly Item[],
): Item {
  return withChildren(
    {
      ...item(relationship, 'NUM', concept),
      MeasuredValueSequence: [
        {
          MeasurementUnitsCodeSequence: codeSequence(unit),
          NumericValue: formatDs(value),
          FloatingPointValue: value,
        },
      ],
    },
    children,
  );
}

export function imageItem(
  relationship: Relationship,
  concept: CodedConcept | null,
  image: SrImageReference,
  segmentNumber?: number,
): Item {
  return {
    ...item(relationship, 'IMAGE', concept),
    ReferencedSOPSequence: [
      {
        ReferencedSOPClassUID: image.sopClassUid,
        ReferencedSOPInstanceUID: image.sopInstanceUid,
        ...(image.frameNumber !== undefined
          ? { ReferencedFrameNumber: [String(image.frameNumber)] }
          : {}),
        ...(segmentNumber !== undefined ? { ReferencedSegmentNumber: [segmentNumber] } : {}),
      },
    ],
  };
}

/** SCOORD3D POINT in a frame of reference (patient mm). */
export const scoord3dPointItem = (
  relationship: Relationship,
  concept: CodedConcept,
  mm: readonly [number, number, number],
  frameOfReferenceUid: string,
): Item => ({
  ...item(relationship, 'SCOORD3D', concept),
  GraphicType: 'POINT',
  GraphicData: [...mm],
  ReferencedFrameOfReferenceUID: frameOfReferenceUid,
});

/** SCOORD POINT on one image (column, row), with the image it was SELECTED FROM. */
export const scoordPointItem = (
  relationship: Relationship,
  concept: CodedConcept,
  columnRow: readonly [number, number],
  image: SrImageReference,
): Item =>
  withChildren(
    { ...item(relationship, 'SCOORD', concept), GraphicType: 'POINT', GraphicData: [...columnRow] },
    [imageItem('SELECTED FROM', null, image)],
  );

/** SCOORD3D POLYLINE through points of a frame of reference (patient mm), e.g. a span line. */
export const scoord3dPolylineItem = (
  relationship: Relationship,
  concept: CodedConcept,
  points: ReadonlyArray<readonly [number, number, number]>,
  frameOfReferenceUid: string,
): Item => ({
  ...item(relationship, 'SCOORD3D', concept),
  GraphicType: 'POLYLINE',
  GraphicData: points.flatMap((p) => [...p]),
  ReferencedFrameOfReferenceUID: frameOfReferenceUid,
});
