/**
 * The CI budget of the hostile-file corpus (issue 9): every pydicom test file plus the first
 * 300 mutants of the fixed corpus seed, each through ingest (with two good files beside it)
 * and `liver-review measure`, on worker threads with a 2 s watchdog per file. The full corpus
 * (≥ 5,000 mutants) is `npm run fuzz`.
 */
import { describe, expect, it } from 'vitest';
import { generateMutant } from './generateFuzzCorpus.ts';
import { loadFuzzSeeds } from './loadFuzzSeeds.ts';
import { OPERATORS, type MutationKind } from './mutateDicom.ts';
import { runFuzzCorpus, type FuzzReport } from './runFuzzCorpus.ts';

const CORPUS_SEED = 9;
const CI_MUTANTS = 300;

describe('hostile files (CI subset of the fuzz corpus)', () => {
  const seeds = loadFuzzSeeds();
  let report: FuzzReport | null = null;
  const run = async (): Promise<FuzzReport> => {
    report ??= await runFuzzCorpus(seeds, {
      corpusSeed: CORPUS_SEED,
      mutants: CI_MUTANTS,
      includeRaw: true,
      workers: 2,
      timeLimitMs: 2000,
      heapLimitMb: 1024,
    });
    return report;
  };

  it('regenerates every mutant byte for byte from (seed, index)', () => {
    for (const index of [0, 17, 123, 299]) {
      const a = generateMutant(seeds.seeds, CORPUS_SEED, index);
      const b = generateMutant(seeds.seeds, CORPUS_SEED, index);
      expect(b.notes).toEqual(a.notes);
      expect(Buffer.from(b.bytes).equals(Buffer.from(a.bytes))).toBe(true);
      expect(
        Buffer.from(a.bytes).equals(Buffer.from(seeds.seeds.find((s) => s.name === a.seed)!.bytes)),
      ).toBe(false);
    }
  });

  it('runs every pydicom file and 300 mutants with 0 crashes, 0 hangs, only typed errors', async () => {
    const r = await run();
    const summary = (list: FuzzReport['crashes']) => list.map((c) => `${c.name}: ${c.detail}`);
    expect(summary(r.crashes)).toEqual([]);
    expect(summary(r.hangs)).toEqual([]);
    // Violations: an error without a known code or message, an offset outside the file, a
    // good file beside the mutant lost or decoded differently, a sequence over 256 accepted.
    expect(summary(r.violations)).toEqual([]);
    expect(r.files).toBe(seeds.rawFiles.length + CI_MUTANTS);
    expect(r.maxTimeMs).toBeLessThan(2000);
    // Every file also went through `liver-review measure` (exit 0 measured, 3 not measurable).
    const measured = Object.entries(r.cliExits).reduce((sum, [, n]) => sum + n, 0);
    expect(measured).toBe(r.files);
    expect(Object.keys(r.cliExits).every((code) => code === '0' || code === '3')).toBe(true);
  }, 60_000);

  it('exercises every mutation kind, the depth cap and corrupt compressed frames', async () => {
    const r = await run();
    for (const kind of Object.keys(OPERATORS) as MutationKind[]) {
      expect(r.byKind[kind]?.files ?? 0, kind).toBeGreaterThan(5);
    }
    expect(r.outcomes['SEQUENCE_TOO_DEEP'] ?? 0).toBeGreaterThan(0);
    expect(r.assembleFailures['DECODE_FAILED'] ?? 0).toBeGreaterThan(0);
    // Most mutants are refused, each with its code; most refusals say where.
    expect(r.rejected).toBeGreaterThan(CI_MUTANTS / 2);
    expect(r.rejectedWithOffset / r.rejected).toBeGreaterThan(0.6);
  }, 60_000);
});
