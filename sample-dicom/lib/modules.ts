/**
 * DICOM attribute builders shared by the CT and MR writers (dcmjs keyword form). Values are
 * pre-formatted strings where the VR is DS/IS so nothing depends on number formatting.
 */
import type { NaturalDataset } from 'dcmjs';
import { frameOfReferenceUid, instanceUid, seriesUid, studyUid, type SeriesKey } from './uids.ts';
import type { Vec3 } from './raster.ts';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';

/** DS: decimal string, at most 16 characters, no exponent for our ranges. */
export function ds(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`DS value not finite: ${n}`);
  let s = String(Number(n.toFixed(6)));
  if (s === '-0') s = '0';
  if (s.length > 16) s = String(Number(n.toPrecision(10)));
  if (s.length > 16) throw new Error(`DS value too long: ${n}`);
  return s;
}

export function dsList(values: readonly number[]): string[] {
  return values.map(ds);
}

export interface PatientInfo {
  name: string;
  id: string;
  sex: string;
  birthDate: string;
  weightKg: number;
  heightM: number;
}

export interface StudyInfo {
  key: Pick<SeriesKey, 'patient' | 'study'>;
  date: string;
  time: string;
  accession: string;
  studyId: string;
  description: string;
}

export interface SeriesInfo {
  key: SeriesKey;
  modality: 'CT' | 'MR';
  description: string;
  protocol: string;
  time: string;
  bodyPart: string;
  frameOfReference: number;
}

export interface EquipmentInfo {
  manufacturer: string;
  model: string;
  station: string;
  software: string;
  serial: string;
}

/** Patient age string (nnnY) at a study date. */
export function ageAt(birthDate: string, studyDate: string): string {
  const by = Number(birthDate.slice(0, 4));
  const bmd = Number(birthDate.slice(4));
  const sy = Number(studyDate.slice(0, 4));
  const smd = Number(studyDate.slice(4));
  const years = sy - by - (smd < bmd ? 1 : 0);
  return `${String(years).padStart(3, '0')}Y`;
}

/** Patient, General Study, Patient Study, General Series, Frame of Reference, General Equipment. */
export function commonModules(
  p: PatientInfo,
  st: StudyInfo,
  se: SeriesInfo,
  eq: EquipmentInfo,
): NaturalDataset {
  return {
    SpecificCharacterSet: 'ISO_IR 100',
    // Patient
    PatientName: p.name,
    PatientID: p.id,
    IssuerOfPatientID: 'LLR-SAMPLES',
    PatientBirthDate: p.birthDate,
    PatientSex: p.sex,
    PatientIdentityRemoved: 'YES',
    DeidentificationMethod: 'Synthetic phantom; no real patient data',
    // General Study
    StudyInstanceUID: studyUid(st.key),
    StudyDate: st.date,
    StudyTime: st.time,
    ReferringPhysicianName: '',
    StudyID: st.studyId,
    AccessionNumber: st.accession,
    StudyDescription: st.description,
    // Patient Study
    PatientAge: ageAt(p.birthDate, st.date),
    PatientSize: ds(p.heightM),
    PatientWeight: ds(p.weightKg),
    // General Series
    Modality: se.modality,
    SeriesInstanceUID: seriesUid(se.key),
    SeriesNumber: se.key.series,
    SeriesDate: st.date,
    SeriesTime: se.time,
    SeriesDescription: se.description,
    ProtocolName: se.protocol,
    BodyPartExamined: se.bodyPart,
    PatientPosition: 'HFS',
    // Frame of Reference
    FrameOfReferenceUID: frameOfReferenceUid(st.key, se.frameOfReference),
    PositionReferenceIndicator: '',
    // General Equipment
    Manufacturer: eq.manufacturer,
    InstitutionName: 'LLR Synthetic Imaging Centre',
    StationName: eq.station,
    ManufacturerModelName: eq.model,
    DeviceSerialNumber: eq.serial,
    SoftwareVersions: eq.software,
  };
}

export interface ImageInfo {
  key: SeriesKey;
  instanceNumber: number;
  imageType: string[];
  date: string;
  /** Acquisition/content time (HHMMSS.ffffff). */
  time: string;
  acquisitionNumber: number;
  rows: number;
  columns: number;
  /** [row spacing, column spacing] mm. */
  pixelSpacing: [number, number];
  orientation: [number, number, number, number, number, number];
  position: Vec3;
  sliceThickness: number;
  sliceLocation?: number;
  bitsStored: number;
  signed: boolean;
  window: { centre: number; width: number; explanation: string };
  pixels: Uint16Array | Int16Array;
}

/** General Image, Image Plane, Image Pixel, VOI LUT, SOP Common. */
export function imageModules(sopClassUid: string, im: ImageInfo): NaturalDataset {
  if (im.pixels.length !== im.rows * im.columns)
    throw new Error('imageModules: pixel count mismatch');
  if (im.pixels.byteOffset !== 0 || im.pixels.buffer.byteLength !== im.pixels.byteLength) {
    throw new Error('imageModules: pixel array must own its whole buffer');
  }
  const ds_: NaturalDataset = {
    SOPClassUID: sopClassUid,
    SOPInstanceUID: instanceUid(im.key, im.instanceNumber),
    InstanceCreationDate: im.date,
    InstanceCreationTime: im.time.slice(0, 6),
    ImageType: im.imageType,
    InstanceNumber: im.instanceNumber,
    AcquisitionNumber: im.acquisitionNumber,
    AcquisitionDate: im.date,
    AcquisitionTime: im.time,
    ContentDate: im.date,
    ContentTime: im.time,
    BurnedInAnnotation: 'NO',
    ImagePositionPatient: dsList(im.position),
    ImageOrientationPatient: dsList(im.orientation),
    PixelSpacing: dsList(im.pixelSpacing),
    SliceThickness: ds(im.sliceThickness),
    SamplesPerPixel: 1,
    PhotometricInterpretation: 'MONOCHROME2',
    Rows: im.rows,
    Columns: im.columns,
    BitsAllocated: 16,
    BitsStored: im.bitsStored,
    HighBit: im.bitsStored - 1,
    PixelRepresentation: im.signed ? 1 : 0,
    WindowCenter: ds(im.window.centre),
    WindowWidth: ds(im.window.width),
    WindowCenterWidthExplanation: im.window.explanation,
    PixelData: im.pixels.buffer,
    _vrMap: { PixelData: 'OW' },
  };
  if (im.sliceLocation !== undefined) ds_['SliceLocation'] = ds(im.sliceLocation);
  return ds_;
}

/** Time of day plus `seconds`, as HHMMSS.ffffff (DICOM TM). */
export function addSeconds(time: string, seconds: number): string {
  const base =
    Number(time.slice(0, 2)) * 3600 + Number(time.slice(2, 4)) * 60 + Number(time.slice(4, 6));
  const total = base + seconds;
  const whole = Math.floor(total);
  const micro = Math.round((total - whole) * 1e6);
  const hh = Math.floor(whole / 3600) % 24;
  const mm = Math.floor((whole % 3600) / 60);
  const ss = whole % 60;
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${p2(hh)}${p2(mm)}${p2(ss)}.${String(micro).padStart(6, '0')}`;
}
