/**
 * The corpus as a lazy sequence of cases: first every pydicom file unmutated, then `mutants`
 * mutants. Mutant i depends only on (corpus seed, i), so the CI subset (the first N) is a
 * prefix of the full run and any failure is reproduced by its index.
 */
import { createPrng } from './createPrng.ts';
import type { FuzzSeed, FuzzSeeds, SeedGroup } from './loadFuzzSeeds.ts';
import { mutateDicom, OPERATORS, type MutationKind, type NestingInfo } from './mutateDicom.ts';

export interface FuzzCase {
  /** Position in the corpus (raw files first). */
  id: number;
  name: string;
  bytes: Uint8Array;
  seed: string;
  group: SeedGroup | 'raw';
  /** Empty for unmutated files. */
  kinds: MutationKind[];
  notes: string[];
  /** Measure-path cases: the fixture file this one replaces. */
  cliIndex?: number;
  /** deepNesting mutants: the inserted sequence tree. */
  nesting?: NestingInfo;
}

const GROUP_WEIGHTS: Readonly<Record<SeedGroup, number>> = {
  pydicom: 35,
  sample: 12,
  synthetic: 20,
  cli: 18,
  compressed: 15,
};

/** Builds mutant `index` of the corpus seeded by `corpusSeed`. */
export function generateMutant(
  seeds: readonly FuzzSeed[],
  corpusSeed: number,
  index: number,
): FuzzCase {
  const rng = createPrng(corpusSeed, index);
  const group = rng.weighted(GROUP_WEIGHTS);
  const inGroup = seeds.filter((s) => s.group === group);
  const pool = inGroup.length > 0 ? inGroup : seeds;
  // Within the measure study, the SEG is the interesting half (its own parser, 1-bit frames).
  const seed =
    group === 'cli' && rng.chance(0.5)
      ? (pool.find((s) => s.name.includes('SEG') || s.name.includes('seg')) ?? rng.pick(pool))
      : rng.pick(pool);
  const encapsulated = (seed.layout?.pixelData?.fragments.length ?? 0) > 0;
  const first: MutationKind | undefined =
    encapsulated && rng.chance(0.5) ? 'corruptCompressedFrame' : undefined;
  const mutated = mutateDicom(seed.bytes, seed.layout, rng, first);
  let { bytes, kinds, notes } = mutated;
  if (kinds.length === 0) {
    // No layout (not parseable): fall back to the byte-level operators.
    const kind: MutationKind = rng.chance(0.5) ? 'truncate' : 'flipHeaderBytes';
    const result = OPERATORS[kind](seed.bytes.slice(), seed.layout, rng);
    if (result) {
      bytes = result.bytes;
      kinds = [kind];
      notes = [result.note];
    }
  }
  const base = seed.name.split('/').pop() ?? seed.name;
  const mutant: FuzzCase = {
    id: index,
    name: `mutants/${String(index).padStart(5, '0')}-${kinds.join('+') || 'none'}-${base}`,
    bytes,
    seed: seed.name,
    group: seed.group,
    kinds,
    notes,
  };
  if (seed.cliIndex !== undefined) mutant.cliIndex = seed.cliIndex;
  if (mutated.nesting) mutant.nesting = mutated.nesting;
  return mutant;
}

/** Raw files first (ids −1, −2, …), then mutants 0 … mutants − 1. */
export function* generateFuzzCorpus(
  seeds: FuzzSeeds,
  options: { corpusSeed: number; mutants: number; includeRaw: boolean },
): Generator<FuzzCase> {
  if (options.includeRaw) {
    let id = -1;
    for (const file of seeds.rawFiles) {
      yield {
        id: id--,
        name: file.name,
        bytes: file.bytes,
        seed: file.name,
        group: 'raw',
        kinds: [],
        notes: [],
      };
    }
  }
  for (let index = 0; index < options.mutants; index++) {
    yield generateMutant(seeds.seeds, options.corpusSeed, index);
  }
}
