/**
 * De-identification over pydicom's real-world files (implicit VR, RLE, JPEG, JPEG-LS, JPEG 2000,
 * big endian, deflated, SR, RT, private sequences, bad VRs): it never throws, refuses what it
 * cannot handle with a typed code, keeps encapsulated pixel data byte for byte, and leaves no
 * patient name, ID or original SOP Instance UID in what it writes.
 */
import dcmjs from 'dcmjs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDeidentifier } from '../src/dicom/deid/index.ts';
import { ensurePydicomTestFiles } from './support/ensureDebianPackage';

const root = ensurePydicomTestFiles();
const CODES = new Set([
  'NOT_DICOM',
  'MALFORMED_DATASET',
  'UNSUPPORTED_TRANSFER_SYNTAX',
  'BURNED_IN_ANNOTATION',
  'ENCODE_FAILED',
]);

function header(bytes: Uint8Array) {
  const dicom = dcmjs.data.DicomMessage.readFile(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  const value = (tag: string) => dicom.dict[tag]?.Value?.[0];
  const name = value('00100010') as { Alphabetic?: string } | string | undefined;
  return {
    patientName: typeof name === 'string' ? name : (name?.Alphabetic ?? ''),
    patientId: String(value('00100020') ?? ''),
    sopInstanceUid: String(value('00080018') ?? ''),
    pixels: (dicom.dict['7FE00010']?.Value as ArrayBuffer[] | undefined)?.map(
      (f) => new Uint8Array(f),
    ),
  };
}

describe('createDeidentifier on pydicom test files', () => {
  it('never throws, refuses with a code, and leaks no name, ID or SOP Instance UID', () => {
    const created = createDeidentifier({ salt: new Uint8Array(16).fill(42) });
    if (!created.ok) throw new Error(created.error.message);
    const files = fs.readdirSync(root).filter((f) => f.endsWith('.dcm'));
    let written = 0;
    for (const file of files) {
      const bytes = new Uint8Array(fs.readFileSync(path.join(root, file)));
      const result = created.value.deidentifyPart10(bytes, file);
      if (!result.ok) {
        expect(CODES.has(result.error.code), `${file}: ${result.error.code}`).toBe(true);
        continue;
      }
      written++;
      const before = header(bytes);
      const after = header(result.value.bytes);
      const text = new TextDecoder('latin1').decode(result.value.bytes);
      for (const needle of [before.patientName, before.patientId, before.sopInstanceUid])
        if (needle.trim().length >= 4)
          expect(text.includes(needle.trim()), `${file}: ${needle}`).toBe(false);
      expect(after.pixels, file).toEqual(before.pixels);
    }
    expect(written).toBeGreaterThan(40);
  });
});
