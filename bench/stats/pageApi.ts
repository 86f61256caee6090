/** What the statistics page (bench/stats/peer/main.ts) exposes to the bench as `window.__stats`. */
import type { IncrementalSamples } from './workloads.ts';

export interface PeerCall {
  readonly ms: number;
  readonly ok: boolean;
  readonly error?: string;
}

/** Ours and the peer on one segment, for the agreement check (not timed). */
export interface SegmentAgreement {
  readonly segment: number;
  readonly ours: {
    voxelCount: number;
    volumeMm3: number;
    mean: number;
    sd: number;
    min: number;
    max: number;
    centroidMm: number[];
    longestAxialMm: number;
    shortAxisMm: number;
    maximum3dDiameterMm: number;
  };
  readonly peer: {
    count: number | null;
    volumeMm3: number | null;
    mean: number | null;
    stdDev: number | null;
    min: number | null;
    max: number | null;
    center: number[] | null;
    median: number | null;
    majorAxisMm: number | null;
    minorAxisMm: number | null;
  };
}

export interface StatsPageApi {
  ready(): boolean;
  failure(): string | null;
  /** Page set-up times: phantom build and the cornerstone scene, ms. */
  setupMs(): { phantom: number; cornerstone: number };
  /** `new Uint8Array(labels)`, ms. */
  copyNew(): number;
  /** `preallocated.set(labels)`, ms. */
  copySet(): number;
  /** Our computeAllLesionStatistics of the five lesions, ms. */
  ours(): number;
  /** Our tracker after 10 mm sphere strokes on one lesion's surface. */
  oursIncremental(segment: number, samples: number): IncrementalSamples;
  /** Cornerstone's utilities.segmentation.getStatistics, segments 1–5, mode 'individual'. */
  peerStatistics(): Promise<PeerCall>;
  /**
   * The part of getStatistics on the main thread before its worker starts: the complete
   * labelmap and image arrays it copies out of the per-slice images (getCompleteScalarDataArray).
   */
  peerCopies(): number;
  /** Cornerstone's utilities.segmentation.getSegmentLargestBidirectional, segments 1–5. */
  peerBidirectional(): Promise<PeerCall>;
  agreement(): Promise<SegmentAgreement[]>;
}
