import dicomParser from 'dicom-parser';
import { describe, expect, it } from 'vitest';
import { toIngestError } from '../toIngestError.ts';
import { makeSlice } from './fixtures.ts';

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (thrown) {
    return thrown;
  }
  throw new Error('expected a throw');
}

describe('toIngestError', () => {
  it('maps a thrown string about the missing DICM prefix to NOT_DICOM', () => {
    const thrown = thrownBy(() => dicomParser.parseDicom(new Uint8Array(300)));
    expect(typeof thrown).toBe('string');
    const error = toIngestError(thrown, 'a.dcm');
    expect(error).toMatchObject({ code: 'NOT_DICOM', file: 'a.dcm' });
    expect(error.message).toContain('DICM');
  });

  it('maps a thrown string about reading past the end to TRUNCATED', () => {
    const error = toIngestError(
      'littleEndianByteArrayParser.readUint16: attempt to read past end of buffer',
    );
    expect(error.code).toBe('TRUNCATED');
    expect(error.file).toBeUndefined();
  });

  it('maps a sequence longer than the file (maxPosition) to TRUNCATED', () => {
    const thrown =
      "dicomParser.parseDicomDataSetImplicit: invalid value for parameter 'maxPosition'";
    expect(toIngestError(thrown).code).toBe('TRUNCATED');
  });

  it('unwraps {exception, dataSet} and locates the element running past the end', () => {
    const thrown = {
      exception: 'dicomParser:parseDicomDataSetExplicit: buffer overrun',
      dataSet: {
        byteArray: { length: 100 },
        elements: {
          x00080018: { tag: 'x00080018', dataOffset: 10, length: 20 },
          x7fe00010: { tag: 'x7fe00010', dataOffset: 60, length: 512 },
        },
      },
    };
    const error = toIngestError(thrown, 'cut.dcm');
    expect(error.code).toBe('TRUNCATED');
    expect(error.byteOffset).toBe(60);
    expect(error.message).toContain('(7FE0,0010)');
    expect(error.message).toContain('512 bytes');
  });

  it('gives the end of the last complete element as byteOffset when nothing overruns', () => {
    const error = toIngestError({
      exception: 'dicomParser.readTag: something odd',
      dataSet: {
        byteArray: { length: 100 },
        elements: { a: { dataOffset: 10, length: 20 }, b: { dataOffset: 40, length: 8 } },
      },
    });
    expect(error).toMatchObject({ code: 'PARSE_FAILED', byteOffset: 48 });
  });

  it('normalises the {exception, dataSet} object dicom-parser really throws for a cut file', () => {
    const whole = makeSlice({ rows: 8, columns: 8 }).bytes;
    const thrown = thrownBy(() => dicomParser.parseDicom(whole.subarray(0, whole.length - 40)));
    expect(thrown).toHaveProperty('exception');
    expect(thrown).toHaveProperty('dataSet');
    const error = toIngestError(thrown);
    expect(error.code).toBe('TRUNCATED');
    expect(error.byteOffset).toBe(whole.length - 128);
  });

  it('maps Error instances by message', () => {
    expect(
      toIngestError(
        new Error('dicomParser.parseDicom: missing required meta header attribute 0002,0010'),
      ).code,
    ).toBe('MISSING_ATTRIBUTE');
    expect(toIngestError(new Error('boom'), 'x.dcm')).toEqual({
      code: 'PARSE_FAILED',
      message: 'boom',
      file: 'x.dcm',
    });
  });

  it('takes the byte offset dicom-parser names in its message', () => {
    const error = toIngestError(
      'dicomParser.readSequenceItem: item tag (FFFE,E000) not found at offset 350',
    );
    expect(error).toMatchObject({ code: 'PARSE_FAILED', byteOffset: 350 });
    expect(toIngestError("parameter 'position' cannot be greater").byteOffset).toBeUndefined();
  });

  it('reports a stack overflow (V8 or Firefox wording) as SEQUENCE_TOO_DEEP', () => {
    const error = toIngestError(new RangeError('Maximum call stack size exceeded'));
    expect(error.code).toBe('SEQUENCE_TOO_DEEP');
    expect(error.message).toContain('nesting');
    const firefox = new Error('too much recursion');
    firefox.name = 'InternalError';
    expect(toIngestError(firefox).code).toBe('SEQUENCE_TOO_DEEP');
  });

  it('passes an IngestError-shaped value through and stringifies anything else', () => {
    expect(toIngestError({ code: 'TOO_LARGE', message: 'big' })).toEqual({
      code: 'TOO_LARGE',
      message: 'big',
    });
    expect(toIngestError(42)).toMatchObject({
      code: 'PARSE_FAILED',
      message: 'unexpected failure: 42',
    });
  });
});
