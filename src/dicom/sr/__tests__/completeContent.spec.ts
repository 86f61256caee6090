/**
 * The full content of a date (every finding kind, Couinaud segments) written and read back: the
 * reader returns what was written, field for field, except float32 SCOORD3D coordinates, which
 * come back within 1e-4 mm. The TID 1500 check finds nothing missing.
 */
import { describe, expect, it } from 'vitest';
import { CODES, COUINAUD_CODES } from '../codes.ts';
import { checkTid1500 } from '../checkTid1500.ts';
import { readSrContentTree, type SrContentItem } from '../readContentTree.ts';
import { readMeasurementReport } from '../readMeasurementReport.ts';
import type { SrFinding } from '../types.ts';
import { writeMeasurementReport } from '../writeMeasurementReport.ts';
import { completeReportInput } from './fixtures.ts';

function written(): Uint8Array {
  const result = writeMeasurementReport(completeReportInput());
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Coordinates are FL: replace them by their float32 value before comparing. */
const f32 = (v: number) => Math.fround(v);
function asFloat32(f: SrFinding): SrFinding {
  if (f.kind === 'biliary-interruption' && f.point.kind === 'patient')
    return {
      ...f,
      point: { ...f.point, mm: [f32(f.point.mm[0]), f32(f.point.mm[1]), f32(f.point.mm[2])] },
    };
  if (f.kind === 'hepatomegaly' && f.spanLine) {
    const [a, b, c] = f.spanLine.fromMm;
    const [d, e, g] = f.spanLine.toMm;
    return {
      ...f,
      spanLine: { ...f.spanLine, fromMm: [f32(a), f32(b), f32(c)], toMm: [f32(d), f32(e), f32(g)] },
    };
  }
  if (f.kind === 'liver-spleen' && f.rois)
    return {
      ...f,
      rois: f.rois.map((r) =>
        r.centre
          ? {
              ...r,
              centre: {
                ...r.centre,
                mm: [f32(r.centre.mm[0]), f32(r.centre.mm[1]), f32(r.centre.mm[2])],
              },
            }
          : r,
      ),
    };
  return f;
}

describe('writeMeasurementReport → readMeasurementReport (complete content)', () => {
  it('reads back every finding field for field', () => {
    const read = readMeasurementReport(written());
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.warnings).toEqual([]);
    expect(read.value.findings).toEqual(completeReportInput().findings.map(asFloat32));
  });

  it('keeps SCOORD3D points within 1e-4 mm of the input', () => {
    const read = readMeasurementReport(written());
    if (!read.ok) throw new Error(read.error.message);
    const biliary = read.value.findings.find((f) => f.kind === 'biliary-interruption');
    const point = biliary?.point;
    if (point?.kind !== 'patient') throw new Error('no 3D point');
    [-12.3, 30.7, -40.1].forEach((v, i) => expect(Math.abs(point.mm[i]! - v)).toBeLessThan(1e-4));
    const span = read.value.findings.find((f) => f.kind === 'hepatomegaly');
    expect(span?.kind === 'hepatomegaly' && span.spanLine?.toMm[2]).toBeCloseTo(-97.1, 4);
  });

  it('reads the Couinaud segment of each lesion, the site staying Liver', () => {
    const read = readMeasurementReport(written());
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.lesions.map((l) => [l.couinaudSegment, l.findingSite])).toEqual([
      ['VIII', CODES.liver],
      ['IVb', CODES.liver],
    ]);
  });

  it('writes segment VIII as SCT 277962002 and IVb as IV (277958008) + Inferior (261089000)', () => {
    const tree = readSrContentTree(written());
    if (!tree.ok) throw new Error(tree.error.message);
    const groups = tree.value.children
      .find((c) => c.concept?.codeValue === '126010')!
      .children.filter((g) => g.children.some((c) => c.concept?.codeValue === '121191'));
    const site = (g: SrContentItem) =>
      g.children.find((c) => c.concept?.codeValue === '363698007')!;
    expect(site(groups[0]!).code).toEqual(COUINAUD_CODES.VIII);
    expect(site(groups[0]!).code?.codeValue).toBe('277962002');
    expect(site(groups[1]!).code?.codeValue).toBe('277958008');
    expect(site(groups[1]!).children[0]?.code?.codeValue).toBe('261089000');
  });

  it('writes RECIST PD as DCM 112043 with method RECIST 1.1 (126081), volumetric as TEXT', () => {
    const tree = readSrContentTree(written());
    if (!tree.ok) throw new Error(tree.error.message);
    const groups = tree.value.children.find((c) => c.concept?.codeValue === '126010')!.children;
    const byId = (id: string) =>
      groups.find((g) =>
        g.children.some((c) => c.concept?.codeValue === '112039' && c.text === id),
      )!;
    const recist = byId('Response RECIST 1.1');
    expect(recist.children.find((c) => c.concept?.codeValue === '112021')?.code?.codeValue).toBe(
      '126081',
    );
    expect(recist.children.find((c) => c.concept?.codeValue === '112048')?.code?.codeValue).toBe(
      '112043',
    );
    const volumetric = byId('Response volumetric');
    expect(volumetric.children.find((c) => c.concept?.codeValue === '112048')?.text).toBe(
      'Stable disease',
    );
  });

  it('passes the TID 1500 check with the product profile', () => {
    const tree = readSrContentTree(written());
    if (!tree.ok) throw new Error(tree.error.message);
    expect(checkTid1500(tree.value, { profile: true })).toEqual([]);
  });

  it('writes one group per L/S ROI, tracked "Liver ROI 1", "Liver ROI 2", "Spleen ROI 1"', () => {
    const tree = readSrContentTree(written());
    if (!tree.ok) throw new Error(tree.error.message);
    const ids = tree.value.children
      .find((c) => c.concept?.codeValue === '126010')!
      .children.map((g) => g.children.find((c) => c.concept?.codeValue === '112039')?.text);
    expect(ids.filter((id) => id?.includes('ROI'))).toEqual([
      'Liver ROI 1',
      'Liver ROI 2',
      'Spleen ROI 1',
    ]);
  });
});
