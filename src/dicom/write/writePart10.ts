import dcmjs from 'dcmjs';
import type { NaturalDataset } from 'dcmjs';

/** Transfer syntaxes this writer emits: uncompressed only, so every reader can open them. */
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';

/** Our implementation identity, written into every file's meta header (PS3.10 §7.1). */
export const IMPLEMENTATION_CLASS_UID = '1.2.826.0.1.3680043.10.1478.1';
// VR SH: at most 16 characters (a peer exporter writes a longer one and fails dciodvfy).
export const IMPLEMENTATION_VERSION_NAME = 'LIVERREVIEW_010';

/**
 * Serialises a naturalised dataset (dcmjs keyword form) as a DICOM Part 10 file in explicit VR
 * little endian. The 128-byte preamble is all zeros (CVE-2019-11687: no polyglot files).
 */
export function writePart10(dataset: NaturalDataset): ArrayBuffer {
  const sopClassUid = dataset['SOPClassUID'];
  const sopInstanceUid = dataset['SOPInstanceUID'];
  if (typeof sopClassUid !== 'string' || typeof sopInstanceUid !== 'string') {
    throw new TypeError('writePart10: SOPClassUID and SOPInstanceUID are required');
  }
  const meta = dcmjs.data.DicomMetaDictionary.denaturalizeDataset({
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  });
  const dict = new dcmjs.data.DicomDict(meta);
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataset);
  const buffer = dict.write();
  new Uint8Array(buffer, 0, 128).fill(0);
  return buffer;
}
