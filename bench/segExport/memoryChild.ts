/**
 * One side of the SEG export bench in a process of its own, for its memory: reads the CT files
 * from a folder, builds the same labelmap, then exports twice (the first export in a fresh
 * process, then one more after a full GC) while a worker samples RSS every millisecond. Prints
 * one JSON line: the peak RSS rise over the RSS just before each export, and the V8 heap +
 * ArrayBuffer growth right after it (before any collection).
 *
 *   node --import tsx bench/segExport/memoryChild.ts <ct-folder> <ours|example|sliceOrder>
 */
import { readInputFiles } from '../../src/cli/readInputFiles.ts';
import { LIVER_SEGMENT_TYPES } from '../../plugins/liver-lesion-review/domain/segmentTypes.ts';
import { describeSegSource } from '../../src/dicom/seg/index.ts';
import { collectGarbage } from '../measure.ts';
import { buildSegBenchData } from './data.ts';
import { startRssSampler } from './memory.ts';
import { exportOurs } from './ours.ts';
import { exportPeer, preparePeer, type PeerRecipe } from './peer.ts';

export interface MemoryFigures {
  readonly side: string;
  /** Peak RSS rise during the first export of the process, MiB. */
  readonly firstPeakRssMiB: number;
  /** Peak RSS rise during a second export, after a full GC, MiB. */
  readonly secondPeakRssMiB: number;
  /** V8 heap used + ArrayBuffers, growth over the first export (garbage included), MiB. */
  readonly firstHeapGrowthMiB: number;
  readonly outputBytes: number;
}

const [folder, side] = process.argv.slice(2);
if (!folder || !side || !['ours', 'example', 'sliceOrder'].includes(side)) {
  console.error('usage: memoryChild.ts <ct-folder> <ours|example|sliceOrder>');
  process.exit(2);
}

const MiB = 2 ** 20;
const data = buildSegBenchData(readInputFiles([folder]).files);
let work: () => Uint8Array;
if (side === 'ours') {
  work = () => exportOurs(data, LIVER_SEGMENT_TYPES);
} else {
  const source = describeSegSource(data.series);
  if (!source.ok) throw new Error(source.error.message);
  const uids = source.value.source.slices.map((s) => s.sopInstanceUid);
  const context = await preparePeer(data, uids, LIVER_SEGMENT_TYPES);
  work = () => exportPeer(context, side as PeerRecipe);
}

const heapAndBuffers = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};
const sampler = await startRssSampler();
const once = (): { peak: number; heap: number; bytes: number } => {
  collectGarbage();
  const heapBefore = heapAndBuffers();
  const rssBefore = sampler.reset();
  const bytes = work();
  const heap = heapAndBuffers() - heapBefore;
  return { peak: sampler.peak() - rssBefore, heap, bytes: bytes.length };
};
const first = once();
const second = once();
await sampler.stop();
const figures: MemoryFigures = {
  side,
  firstPeakRssMiB: first.peak / MiB,
  secondPeakRssMiB: second.peak / MiB,
  firstHeapGrowthMiB: first.heap / MiB,
  outputBytes: first.bytes,
};
console.log(JSON.stringify(figures));
