import dicomParser from 'dicom-parser';
import type { DataSet, ParseDicomOptions } from 'dicom-parser';
import {
  describeOverrun,
  scanDataSetHeaders,
  type HeaderScan,
  type Overrun,
} from './scanDataSetHeaders.ts';
import { IngestFailure, toIngestError } from './toIngestError.ts';
import { readString } from './readAttributes.ts';
import { TAG } from './tags.ts';

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1.99';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';

export interface DecodedDataSet {
  dataSet: DataSet;
  transferSyntaxUid: string;
  hasPart10Header: boolean;
  /** A value (other than a sequence) declared longer than the rest of the file. */
  overrun: Overrun | null;
}

// Two-letter value representations of PS3.5 §6.2, used to tell explicit from implicit VR.
const VALUE_REPRESENTATIONS = new Set(
  (
    'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR ' +
    'US UT UV'
  ).split(' '),
);

function hasPart10Prefix(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 132 &&
    bytes[128] === 0x44 && // D
    bytes[129] === 0x49 && // I
    bytes[130] === 0x43 && // C
    bytes[131] === 0x4d // M
  );
}

/**
 * Guesses the encoding of a dataset stored without the Part 10 header (older archives do this).
 * Such a file must start with a group 0x0008 (or 0x0002) element: anything else is not DICOM.
 */
function sniffBareDataSet(bytes: Uint8Array): string | null {
  if (bytes.length < 8) return null;
  const b0 = bytes[0] ?? 0;
  const b1 = bytes[1] ?? 0;
  const vr = String.fromCharCode(bytes[4] ?? 0, bytes[5] ?? 0);
  const explicit = VALUE_REPRESENTATIONS.has(vr);
  const groupLittle = b0 | (b1 << 8);
  const groupBig = (b0 << 8) | b1;
  if (groupLittle === 0x0008 || groupLittle === 0x0002) {
    if (explicit) return EXPLICIT_VR_LITTLE_ENDIAN;
    // Implicit VR: a 32-bit length that must fit in the file.
    const length =
      ((bytes[4] ?? 0) | ((bytes[5] ?? 0) << 8) | ((bytes[6] ?? 0) << 16)) +
      (bytes[7] ?? 0) * 2 ** 24;
    return length <= bytes.length - 8 ? IMPLICIT_VR_LITTLE_ENDIAN : null;
  }
  if (groupBig === 0x0008 && explicit) return EXPLICIT_VR_BIG_ENDIAN;
  return null;
}

// dicom-parser inflates deflated datasets with Node's zlib (which fails on a plain Uint8Array)
// or a global pako; neither exists in our worker, so refuse the syntax with a clear code.
function refuseDeflate(_bytes: Uint8Array, position: number): never {
  throw new IngestFailure(
    'UNSUPPORTED_TRANSFER_SYNTAX',
    `Deflated transfer syntax ${DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN} is not supported`,
    position,
  );
}

/**
 * dicom-parser's parse. An error it throws without any position (from the File Meta group, or
 * a bare string) is located by scanDataSetHeaders' identical walk: a value that ran past the
 * end of the file (the file is truncated there), else where the walk stopped.
 */
function parseLocated(bytes: Uint8Array, options: ParseDicomOptions, scan: HeaderScan): DataSet {
  try {
    return dicomParser.parseDicom(bytes, options);
  } catch (thrown) {
    const located = typeof thrown === 'object' && thrown !== null && 'dataSet' in thrown;
    if (located) throw thrown;
    const error = toIngestError(thrown);
    if (error.byteOffset !== undefined) throw thrown;
    if (scan.overrun) {
      // A missing TransferSyntaxUID stays MISSING_ATTRIBUTE; a parse that ran off the end is
      // TRUNCATED. Either way the overrunning value is where it went wrong.
      throw new IngestFailure(
        error.code === 'PARSE_FAILED' ? 'TRUNCATED' : error.code,
        `${error.message}: ${describeOverrun(scan.overrun, bytes.length)}`,
        scan.overrun.dataOffset,
      );
    }
    if (scan.stoppedAt === null) throw thrown;
    throw new IngestFailure(error.code, error.message, scan.stoppedAt);
  }
}

/**
 * Parses the whole dataset with dicom-parser. Pixel data is located, not copied. Throws
 * (anything `toIngestError` understands) when the bytes are not DICOM or cannot be parsed.
 */
export function readDataSet(bytes: Uint8Array): DecodedDataSet {
  if (bytes.length === 0) throw new IngestFailure('NOT_DICOM', 'empty file');
  if (hasPart10Prefix(bytes)) {
    // dicom-parser recurses once per sequence level: refuse deep nesting before it starts.
    const scan = scanDataSetHeaders(bytes, null);
    const dataSet = parseLocated(bytes, { inflater: refuseDeflate }, scan);
    const transferSyntaxUid = readString(dataSet, TAG.TransferSyntaxUID).replace(/\0/g, '');
    return { dataSet, transferSyntaxUid, hasPart10Header: true, overrun: scan.overrun };
  }
  const guessed = sniffBareDataSet(bytes);
  if (guessed === null) {
    throw new IngestFailure('NOT_DICOM', 'no DICM prefix and no recognisable DICOM dataset', 0);
  }
  const scan = scanDataSetHeaders(bytes, guessed);
  const dataSet = parseLocated(bytes, { TransferSyntaxUID: guessed }, scan);
  return { dataSet, transferSyntaxUid: guessed, hasPart10Header: false, overrun: scan.overrun };
}
