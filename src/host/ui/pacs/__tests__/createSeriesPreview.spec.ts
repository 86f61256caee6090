import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PreviewResult } from '../../../../dicom/renderPreviewFrame';
import { makeSlice } from '../../../../dicom/__tests__/fixtures';
import {
  createSeriesPreview,
  decodePreviewBlob,
  MAX_PREVIEW_BYTES,
  type SeriesPreviewState,
} from '../createSeriesPreview';

const names = new Map<Blob, string>();
const blob = (name: string): Blob => {
  const b = new Blob([name]);
  names.set(b, name);
  return b;
};
const notAvailable = (message: string): PreviewResult => ({
  ok: false,
  code: 'DECODE_FAILED',
  message,
});

/** A preview whose decoder records what it was given and answers after `decodeMs`. */
function setup(decodeMs = 0) {
  const decoded: string[] = [];
  const states: Array<SeriesPreviewState | null> = [];
  const preview = createSeriesPreview({
    intervalMs: 150,
    now: () => Date.now(),
    onChange: (state) => states.push(state),
    decode: async (b) => {
      const name = names.get(b) ?? '?';
      decoded.push(name);
      await new Promise((resolve) => setTimeout(resolve, decodeMs));
      return notAvailable(name);
    },
  });
  preview.start({ seriesInstanceUid: '1.2.3', label: 'CT Abdomen', total: 300 });
  const last = () => states.at(-1) ?? null;
  return { preview, decoded, states, last };
}

describe('createSeriesPreview', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('decodes the first arrival at once, then at most one per 150 ms, always the latest', async () => {
    const { preview, decoded, last } = setup();
    preview.arrived({ blob: blob('#1') });
    await vi.advanceTimersByTimeAsync(0);
    expect(decoded).toEqual(['#1']);
    expect(last()?.shown).toEqual({ index: 1, result: notAvailable('#1') });
    for (let i = 2; i <= 6; i++) {
      await vi.advanceTimersByTimeAsync(20);
      preview.arrived({ blob: blob(`#${i}`) });
    }
    // t = 100 ms: six received, still only the first decoded.
    expect(last()).toMatchObject({ received: 6, total: 300, shown: { index: 1 } });
    expect(decoded).toEqual(['#1']);
    await vi.advanceTimersByTimeAsync(49);
    expect(decoded).toEqual(['#1']);
    await vi.advanceTimersByTimeAsync(1);
    // t = 150 ms: the latest (#6), never the ones in between.
    expect(decoded).toEqual(['#1', '#6']);
    await vi.advanceTimersByTimeAsync(1);
    expect(last()?.shown?.index).toBe(6);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(decoded).toEqual(['#1', '#6']);
  });

  it('runs one decode at a time: a slow decode delays the next, which takes the latest', async () => {
    const { preview, decoded } = setup(400);
    preview.arrived({ blob: blob('#1') });
    await vi.advanceTimersByTimeAsync(200);
    preview.arrived({ blob: blob('#2') });
    preview.arrived({ blob: blob('#3') });
    await vi.advanceTimersByTimeAsync(150);
    expect(decoded).toEqual(['#1']);
    await vi.advanceTimersByTimeAsync(60);
    // The first decode ended at 400 ms; the next starts then, with #3.
    expect(decoded).toEqual(['#1', '#3']);
  });

  it('ignores decodes in flight and later arrivals once stopped, and says so once', async () => {
    const { preview, decoded, states, last } = setup(100);
    preview.arrived({ blob: blob('#1') });
    await vi.advanceTimersByTimeAsync(10);
    preview.stop();
    preview.arrived({ blob: blob('#2') });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(decoded).toEqual(['#1']);
    expect(last()).toBeNull();
    expect(states.filter((s) => s === null)).toHaveLength(1);
    expect(preview.current()).toBeNull();
  });

  it('starts over for the next series', async () => {
    const { preview, last } = setup();
    preview.arrived({ blob: blob('#1') });
    await vi.advanceTimersByTimeAsync(0);
    preview.start({ seriesInstanceUid: '4.5.6', label: 'CT Topogram', total: null });
    expect(last()).toEqual({
      seriesInstanceUid: '4.5.6',
      seriesLabel: 'CT Topogram',
      received: 0,
      total: null,
      shown: null,
    });
    preview.arrived({ blob: blob('t1') });
    await vi.advanceTimersByTimeAsync(0);
    expect(last()?.shown).toEqual({ index: 1, result: notAvailable('t1') });
  });
});

describe('decodePreviewBlob', () => {
  it('decodes an arrived Part 10 blob: MR 0…30 → grey 0, 85, 170, 255 (percentile window)', async () => {
    const { bytes } = makeSlice({
      modality: 'MR',
      rows: 2,
      columns: 2,
      pixelRepresentation: 0,
      pixels: [0, 10, 20, 30],
    });
    const result = await decodePreviewBlob(new Blob([Uint8Array.from(bytes)]));
    expect(result.ok && Array.from(result.image.rgba.filter((_, i) => i % 4 === 0))).toEqual([
      0, 85, 170, 255,
    ]);
  });

  it('refuses an instance too large to copy on the main thread, and garbage, without throwing', async () => {
    const big = await decodePreviewBlob(new Blob([new Uint8Array(MAX_PREVIEW_BYTES + 1)]));
    expect(big).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(await decodePreviewBlob(new Blob(['not DICOM at all']))).toMatchObject({
      ok: false,
      code: 'NOT_DICOM',
    });
  });
});
