/**
 * Every code the Measurement Report writes, with its meaning and where the standard puts it
 * (PS3.16 2025). Schemes: DCM (PS3.16 Annex D), SCT (SNOMED CT), UCUM (units), LN (LOINC, only
 * CID 100's procedures), and two that TID 1500 itself mandates for its rows: RFC5646 (language,
 * TID 1204 / CID 5000) and NCIt (Activity Session, TID 1501 row 4). No private schemes.
 * Meanings were checked against PS3.16 Annex D (DCM) and pydicom 2.3's PS3.16 concept tables.
 */
import type { CodedConcept } from './types.ts';

const code = (codeValue: string, codingSchemeDesignator: string, codeMeaning: string) =>
  ({ codeValue, codingSchemeDesignator, codeMeaning }) as const satisfies CodedConcept;

export const CODES = {
  // TID 1500 Measurement Report, document title (CID 7021).
  imagingMeasurementReport: code('126000', 'DCM', 'Imaging Measurement Report'),
  // TID 1204 Language of Content Item and Descendants; value from CID 5000.
  languageOfContent: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  englishUnitedStates: code('en-US', 'RFC5646', 'English (United States)'),
  // TID 1002 Observer Context, TID 1003 Person and TID 1004 Device Observer (CID 270).
  observerType: code('121005', 'DCM', 'Observer Type'),
  person: code('121006', 'DCM', 'Person'),
  device: code('121007', 'DCM', 'Device'),
  personObserverName: code('121008', 'DCM', 'Person Observer Name'),
  deviceObserverUid: code('121012', 'DCM', 'Device Observer UID'),
  deviceObserverName: code('121013', 'DCM', 'Device Observer Name'),
  deviceObserverManufacturer: code('121014', 'DCM', 'Device Observer Manufacturer'),
  deviceObserverModelName: code('121015', 'DCM', 'Device Observer Model Name'),
  // TID 1500 row 4 Procedure reported; values from CID 100 Quantitative Diagnostic Imaging Procedures.
  procedureReported: code('121058', 'DCM', 'Procedure reported'),
  ctUnspecifiedBodyRegion: code('25045-6', 'LN', 'CT unspecified body region'),
  mriUnspecifiedBodyRegion: code('25056-3', 'LN', 'MRI unspecified body region'),
  imagingProcedure: code('363679005', 'SCT', 'Imaging procedure'),
  // TID 1600 Image Library, TID 1602 Image Library Entry Descriptors; modality from CID 29.
  imageLibrary: code('111028', 'DCM', 'Image Library'),
  imageLibraryGroup: code('126200', 'DCM', 'Image Library Group'),
  modality: code('121139', 'DCM', 'Modality'),
  studyDate: code('111060', 'DCM', 'Study Date'),
  frameOfReferenceUid: code('112227', 'DCM', 'Frame of Reference UID'),
  // TID 1500 row 6 Imaging Measurements; TID 1501/1410/1411 Measurement Group.
  imagingMeasurements: code('126010', 'DCM', 'Imaging Measurements'),
  measurementGroup: code('125007', 'DCM', 'Measurement Group'),
  // TID 4108 Tracking Identifier; TID 1501 row 4 Activity Session.
  trackingIdentifier: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUniqueIdentifier: code('112040', 'DCM', 'Tracking Unique Identifier'),
  activitySession: code('C67447', 'NCIt', 'Activity Session'),
  // TID 1501 Finding (CID 7151 values via the SEG's segment types) and Finding Site.
  finding: code('121071', 'DCM', 'Finding'),
  findingSite: code('363698007', 'SCT', 'Finding Site'),
  lesion: code('52988006', 'SCT', 'Lesion'),
  metastaticNeoplasm: code('14799000', 'SCT', 'Neoplasm, metastatic'),
  mass: code('4147007', 'SCT', 'Mass'),
  liver: code('10200004', 'SCT', 'Liver'),
  spleen: code('78961009', 'SCT', 'Spleen'),
  bileDuct: code('28273000', 'SCT', 'Bile duct'),
  obstruction: code('26036001', 'SCT', 'Obstruction'),
  // TID 1411 Referenced Segment and Source series for segmentation.
  referencedSegment: code('121191', 'DCM', 'Referenced Segment'),
  sourceSeriesForSegmentation: code('121232', 'DCM', 'Source series for segmentation'),
  // TID 1410 Image Region with Geometric purpose of region (CID 219 value Center).
  imageRegion: code('111030', 'DCM', 'Image Region'),
  geometricPurposeOfRegion: code('130400', 'DCM', 'Geometric purpose of region'),
  center: code('111010', 'DCM', 'Center'),
  // TID 1419 / TID 300 measurements (CID 7469 Generic Intensity and Size Measurements).
  volume: code('118565006', 'SCT', 'Volume'),
  longAxis: code('103339001', 'SCT', 'Long axis'),
  shortAxis: code('103340004', 'SCT', 'Short axis'),
  attenuationCoefficient: code('112031', 'DCM', 'Attenuation Coefficient'),
  mrSignalIntensity: code('110852', 'DCM', 'MR signal intensity'),
  ratio: code('118586006', 'SCT', 'Ratio'),
  // TID 300 modifiers: Measurement Method (CID 7474 value), Derivation (CID 7464 values).
  measurementMethod: code('370129005', 'SCT', 'Measurement Method'),
  sumOfSegmentedVoxelVolumes: code('126030', 'DCM', 'Sum of segmented voxel volumes'),
  derivation: code('121401', 'DCM', 'Derivation'),
  mean: code('373098007', 'SCT', 'Mean'),
  standardDeviation: code('386136009', 'SCT', 'Standard Deviation'),
  sourceOfMeasurement: code('121112', 'DCM', 'Source of Measurement'),
  // Qualitative evaluations: liver pattern as a Distribution Descriptor (CID 6128 values).
  distributionDescriptor: code('112006', 'DCM', 'Distribution Descriptor'),
  nodular: code('255288007', 'SCT', 'Nodular'),
  diffuse: code('19648000', 'SCT', 'Diffuse'),
  mixed: code('26242008', 'SCT', 'Mixed'),
  none: code('260413007', 'SCT', 'None'),
  // Biliary interruption: level as a Classification text, upstream dilatation present/absent.
  classification: code('278201002', 'SCT', 'Classification'),
  dilatation: code('25322007', 'SCT', 'Dilatation'),
  present: code('52101004', 'SCT', 'Present'),
  absent: code('272519000', 'SCT', 'Absent'),
  // Where a finding was recorded: UIDREF items (CID 10001 concepts), and the reader's note.
  seriesInstanceUid: code('112002', 'DCM', 'Series Instance UID'),
  studyInstanceUid: code('110180', 'DCM', 'Study Instance UID'),
  comment: code('121106', 'DCM', 'Comment'),
  // Lesion location: CID 7170 Couinaud Liver Segment; IVa/IVb via a TID 1501 row 8
  // Topographical modifier (CID 2 Superior / Inferior).
  topographicalModifier: code('106233006', 'SCT', 'Topographical modifier'),
  superior: code('264217000', 'SCT', 'Superior'),
  inferior: code('261089000', 'SCT', 'Inferior'),
  // L/S ROIs: TID 300 derivations (CID 7464), area, voxel count; contrast (CID 230 yes/no).
  minimum: code('255605001', 'SCT', 'Minimum'),
  maximum: code('56851009', 'SCT', 'Maximum'),
  area: code('42798000', 'SCT', 'Area'),
  radius: code('131190003', 'SCT', 'Radius'),
  numberOfOccurrences: code('246432004', 'SCT', 'Number of occurrences'),
  contrastAdministered: code('122086', 'DCM', 'Contrast administered'),
  yes: code('373066001', 'SCT', 'Yes'),
  no: code('373067005', 'SCT', 'No'),
  // Qualitative findings of the date, each a concept valued Present / Absent (CID 240/241).
  hepatomegaly: code('80515008', 'SCT', 'Hepatomegaly'),
  length: code('410668003', 'SCT', 'Length'),
  ascites: code('389026000', 'SCT', 'Ascites'),
  edema: code('79654002', 'SCT', 'Edema'),
  decreased: code('1250004', 'SCT', 'Decreased'),
  homogeneous: code('112160', 'DCM', 'Homogeneous (uniform opacity)'),
  commonBileDuct: code('79741001', 'SCT', 'Common bile duct'),
  segmental: code('62372003', 'SCT', 'Segmental'),
  // Lesion signal (CID 7180 MR signal concepts); the values hypo/iso/hyper have no code: TEXT.
  t1WeightedSignal: code('110804', 'DCM', 'T1 Weighted MR Signal Intensity'),
  t2WeightedSignal: code('110805', 'DCM', 'T2 Weighted MR Signal Intensity'),
  // Response of the date: method (CID 6147) and category (CID 6144 for RECIST; TEXT otherwise).
  responseEvaluationMethod: code('112021', 'DCM', 'Response Evaluation Method'),
  currentResponse: code('112048', 'DCM', 'Current Response'),
  recist11: code('126081', 'DCM', 'RECIST 1.1'),
  targetLesionCompleteResponse: code('112041', 'DCM', 'Target Lesion Complete Response'),
  targetLesionPartialResponse: code('112042', 'DCM', 'Target Lesion Partial Response'),
  targetLesionProgressiveDisease: code('112043', 'DCM', 'Target Lesion Progressive Disease'),
  targetLesionStableDisease: code('112044', 'DCM', 'Target Lesion Stable Disease'),
} as const;

/** CID 7170 Couinaud Liver Segment (SNOMED CT); IVa and IVb are segment IV. */
export const COUINAUD_CODES = {
  I: code('71133005', 'SCT', 'Couinaud hepatic segment I'),
  II: code('277956007', 'SCT', 'Couinaud hepatic segment II'),
  III: code('277957003', 'SCT', 'Couinaud hepatic segment III'),
  IV: code('277958008', 'SCT', 'Couinaud hepatic segment IV'),
  V: code('277959000', 'SCT', 'Couinaud hepatic segment V'),
  VI: code('277960005', 'SCT', 'Couinaud hepatic segment VI'),
  VII: code('277961009', 'SCT', 'Couinaud hepatic segment VII'),
  VIII: code('277962002', 'SCT', 'Couinaud hepatic segment VIII'),
} as const;

/** UCUM units (CID 7181 and PS3.16 "Units of Measurement"). */
export const UNITS = {
  milliliter: code('ml', 'UCUM', 'milliliter'),
  millimeter: code('mm', 'UCUM', 'millimeter'),
  hounsfieldUnit: code("[hnsf'U]", 'UCUM', 'Hounsfield Unit'),
  arbitraryUnit: code("[arb'U]", 'UCUM', 'arbitrary unit'),
  noUnits: code('1', 'UCUM', 'no units'),
  squareMillimeter: code('mm2', 'UCUM', 'square millimeter'),
  // UCUM annotation: a dimensionless count whose annotation names what is counted.
  voxels: code('{voxels}', 'UCUM', 'voxels'),
} as const;

/** Modality codes of CID 29 for the Image Library (DCM scheme, code = DICOM Modality). */
export const MODALITY_MEANINGS: Readonly<Record<string, string>> = {
  CT: 'Computed Tomography',
  MR: 'Magnetic Resonance',
  PT: 'Positron emission tomography',
  US: 'Ultrasound',
};

/**
 * Pre-2017 SNOMED RT ("SRT") codes other tools still write for the same concepts. Read only:
 * the writer never emits SRT (retired in PS3.16 2019).
 */
export const SRT_ALIASES: Readonly<Record<string, CodedConcept>> = {
  'G-D705': CODES.volume,
  'G-A185': CODES.longAxis,
  'G-A186': CODES.shortAxis,
  'R-00317': CODES.mean,
  'R-10047': CODES.standardDeviation,
  'G-C0E3': CODES.findingSite,
  'T-62000': CODES.liver,
};

/** The SR templates we write and the resource they come from (Template Identification Macro). */
export const TEMPLATE_MAPPING_RESOURCE = 'DCMR';

/** SOP classes (PS3.4 B.5): Comprehensive 3D SR is needed for SCOORD3D, else Enhanced SR. */
export const ENHANCED_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.22';
export const COMPREHENSIVE_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.33';
export const COMPREHENSIVE_3D_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.34';
export const EXTENSIBLE_SR_STORAGE = '1.2.840.10008.5.1.4.1.1.88.35';
export const SEGMENTATION_STORAGE_UID = '1.2.840.10008.5.1.4.1.1.66.4';
export const SR_SOP_CLASSES = new Set([
  ENHANCED_SR_STORAGE,
  COMPREHENSIVE_SR_STORAGE,
  COMPREHENSIVE_3D_SR_STORAGE,
  EXTENSIBLE_SR_STORAGE,
]);

/** True when two codes name the same concept (value and scheme; meanings may differ). */
export function sameCode(a: CodedConcept | null | undefined, b: CodedConcept): boolean {
  if (!a) return false;
  const aliased = a.codingSchemeDesignator === 'SRT' ? (SRT_ALIASES[a.codeValue] ?? a) : a;
  return (
    aliased.codeValue === b.codeValue && aliased.codingSchemeDesignator === b.codingSchemeDesignator
  );
}
