import { describe, expect, it } from 'vitest';
import { createIngestSession, type ReadFile } from '../src/datasource/createIngestSession.ts';
import { assembleVolume, ingestFiles } from '../src/dicom/index.ts';
import { createSegmentationRequests } from '../src/datasource/segmentationRequests.ts';
import type { SourceFile } from '../src/datasource/types.ts';
import { buildStudy, type BuiltStudy } from './support/measureFixtures.ts';

/** A CT (24 slices of 48×64, one 8 mm lesion, noise) with its reference SEG. */
function study(): BuiltStudy {
  return buildStudy({
    study: 1,
    date: '20240725',
    slices: 24,
    noiseHu: 9,
    shapes: [
      { role: 'liver', label: 'Liver', centreMm: [0, 0, -25], radiiMm: [40, 30, 20], hu: 60 },
      { role: 'lesion', label: 'L1', centreMm: [5, 0, -25], radiiMm: [8, 8, 8], hu: 20 },
    ],
  });
}

interface Harness {
  readonly files: ReadFile[];
  /** How often each file was read from its source. */
  readonly reads: Map<string, number>;
  /** Replace a file's content as its source would now return it (null: unreadable). */
  readonly replaced: Map<string, Uint8Array | null>;
  readSource(source: SourceFile): Promise<ArrayBuffer>;
}

function harness(built: BuiltStudy): Harness {
  const byName = new Map(built.files.map((f) => [f.name, f.bytes]));
  const reads = new Map<string, number>();
  const replaced = new Map<string, Uint8Array | null>();
  return {
    files: built.files.map((f) => ({
      source: { name: f.name, blob: new Blob([f.bytes.slice()]) },
      bytes: f.bytes.slice(),
    })),
    reads,
    replaced,
    readSource(source) {
      reads.set(source.name, (reads.get(source.name) ?? 0) + 1);
      const now = replaced.has(source.name) ? replaced.get(source.name) : byName.get(source.name);
      if (!now) return Promise.reject(new Error('NotReadableError'));
      return Promise.resolve(now.slice().buffer);
    },
  };
}

/** Release image pixels only after their series is assembled (the policy for URL sources). */
/** The CT's voxels from ingesting the original files directly (no session, no release). */
function directVoxels(built: BuiltStudy): number[] {
  const direct = ingestFiles(built.files).patients[0]?.studies[0]?.series.find(
    (s) => s.kind === 'volume',
  );
  const reference = direct && assembleVolume(direct);
  if (!reference?.ok) throw new Error('reference does not assemble');
  return Array.from(reference.value.data);
}

const KEEP_UNTIL_ASSEMBLED = { releaseAtParse: () => false };

function seriesIds(session: ReturnType<typeof createIngestSession>): {
  ct: string;
  seg: string;
} {
  const series = session.latest()?.patients[0]?.studies[0]?.series ?? [];
  const ct = series.find((s) => s.kind === 'volume')?.id;
  const seg = series.find((s) => s.kind === 'seg')?.id;
  if (!ct || !seg) throw new Error('CT or SEG not ingested');
  return { ct, seg };
}

describe('createIngestSession', () => {
  it('keeps only headers of an assembled series, and reads them again, voxel-identical', async () => {
    const built = study();
    const h = harness(built);
    const session = createIngestSession((s) => h.readSource(s), KEEP_UNTIL_ASSEMBLED);
    session.add(h.files);
    const { ct } = seriesIds(session);
    const fileBytes = built.files.reduce((sum, f) => sum + f.bytes.length, 0);
    expect(session.heldBytes().total).toBe(fileBytes);

    const first = await session.assemble(ct);
    if (!first.ok) throw new Error(first.error.message);
    // 24 slices of 48×64 Int16 pixels are gone; the SEG and every header stay.
    const pixelBytes = 24 * 48 * 64 * 2;
    expect(session.heldBytes().imagePixels).toBe(0);
    expect(fileBytes - session.heldBytes().total).toBeGreaterThanOrEqual(pixelBytes);
    expect(h.reads.size).toBe(0);

    const again = await session.assemble(ct);
    if (!again.ok) throw new Error(again.error.message);
    expect(h.reads.size).toBe(24);
    expect(Array.from(again.value.volume.data)).toEqual(Array.from(first.value.volume.data));
    expect(session.heldBytes().imagePixels).toBe(0);
  });

  it('still describes the released series for a SEG export and reads its SEG onto it', async () => {
    const built = study();
    const h = harness(built);
    const session = createIngestSession((s) => h.readSource(s), KEEP_UNTIL_ASSEMBLED);
    session.add(h.files);
    const { ct, seg } = seriesIds(session);
    const requests = createSegmentationRequests(() => session.latest());
    const before = requests.describeSource(ct);
    expect(before.ok).toBe(true);
    expect((await session.assemble(ct)).ok).toBe(true);

    expect(requests.describeSource(ct)).toEqual(before);
    const listed = requests.listFor(ct);
    if (!listed.ok) throw new Error(listed.error.message);
    const [file] = listed.value;
    if (!file) throw new Error('SEG not listed');
    const read = requests.read(seg, file.sopInstanceUid, ct);
    if (!read.ok) throw new Error(read.error.message);
    const lesion = read.value.segments.find((s) => s.label === 'L1');
    const truth = built.truth.find((t) => t.label === 'L1');
    if (!lesion || !truth) throw new Error('no lesion');
    const count = read.value.labels.reduce((n, v) => n + (v === lesion.segmentNumber ? 1 : 0), 0);
    expect(count).toBe(truth.voxelCount);
    expect(h.reads.size).toBe(0);
  });

  it('regroups added files without parsing earlier ones again and keeps released ones released', async () => {
    const built = study();
    const h = harness(built);
    const session = createIngestSession((s) => h.readSource(s), KEEP_UNTIL_ASSEMBLED);
    const images = h.files.filter((f) => !f.source.name.includes('SEG'));
    const rest = h.files.filter((f) => f.source.name.includes('SEG'));
    expect(rest.length).toBeGreaterThan(0);
    session.add(images);
    const ct = session.latest()?.patients[0]?.studies[0]?.series[0]?.id ?? '';
    expect((await session.assemble(ct)).ok).toBe(true);
    session.add(rest);
    expect(seriesIds(session).ct).toBe(ct);
    expect(session.heldBytes().imagePixels).toBe(0);
    const again = await session.assemble(ct);
    expect(again.ok).toBe(true);
  });

  it('drops Blob-backed image pixels at parse time and reads them back for assembly', async () => {
    const built = study();
    const h = harness(built);
    const session = createIngestSession((s) => h.readSource(s));
    session.add(h.files);
    const { ct } = seriesIds(session);
    // Only the SEG's bytes and the image headers are held: no image pixels at all.
    expect(session.heldBytes().imagePixels).toBe(0);
    const seg = built.files.find((f) => f.name.includes('SEG'));
    expect(session.heldBytes().total).toBeGreaterThanOrEqual(seg?.bytes.length ?? Infinity);
    const assembled = await session.assemble(ct);
    if (!assembled.ok) throw new Error(assembled.error.message);
    expect(h.reads.size).toBe(24);
    expect(session.heldBytes().imagePixels).toBe(0);
    expect(Array.from(assembled.value.volume.data)).toEqual(directVoxels(built));
  });

  it('with a synchronous reader, holds one file at a time while assembling', async () => {
    const built = study();
    const h = harness(built);
    const byName = new Map(built.files.map((f) => [f.name, f.bytes]));
    const heldDuringReads: number[] = [];
    let session: ReturnType<typeof createIngestSession> | null = null;
    session = createIngestSession((s) => h.readSource(s), {
      readSourceSync: (source) => {
        heldDuringReads.push(session?.heldBytes().imagePixels ?? -1);
        return byName.get(source.name)?.slice().buffer ?? null;
      },
    });
    session.add(h.files);
    const { ct } = seriesIds(session);
    const assembled = await session.assemble(ct);
    if (!assembled.ok) throw new Error(assembled.error.message);
    // Every slice was read synchronously (none asynchronously), each with no other file held.
    expect(heldDuringReads).toEqual(new Array(24).fill(0));
    expect(h.reads.size).toBe(0);
    expect(session.heldBytes().imagePixels).toBe(0);
    expect(Array.from(assembled.value.volume.data)).toEqual(directVoxels(built));
  });

  it('fails with SOURCE_CHANGED or SOURCE_UNAVAILABLE when a released file is not as it was', async () => {
    const built = study();
    const h = harness(built);
    const session = createIngestSession((s) => h.readSource(s), KEEP_UNTIL_ASSEMBLED);
    session.add(h.files);
    const { ct } = seriesIds(session);
    expect((await session.assemble(ct)).ok).toBe(true);
    const name = built.files.find((f) => !f.name.includes('SEG'))?.name ?? '';
    const altered = built.files.find((f) => f.name === name)?.bytes.slice() ?? new Uint8Array();
    altered[200] = (altered[200] ?? 0) ^ 0xff;
    h.replaced.set(name, altered);
    const changed = await session.assemble(ct);
    expect(changed.ok ? null : changed.error.code).toBe('SOURCE_CHANGED');
    h.replaced.set(name, null);
    const gone = await session.assemble(ct);
    expect(gone.ok ? null : gone.error.code).toBe('SOURCE_UNAVAILABLE');
  });
});
