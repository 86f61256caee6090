import type { HostApi } from '../../../src/plugin-api';
import type { TimepointResponse } from '../domain/quantify/assessResponse';

/**
 * The latest response per date, published by the lesion review panel for the findings
 * panel's rules and timeline (both panels of this plugin, rendered separately). Keyed by the
 * host so two viewers on one page never share it.
 */
/** Per imaging date: what the pattern's supporting figures are computed from. */
export interface PatternInputs {
  readonly date: string;
  readonly lesions: ReadonlyArray<{ readonly lesionId: string; readonly volumeMl: number }>;
  readonly liverVolumeMl: number | null;
}

interface SharedReview {
  responses: readonly TimepointResponse[];
  patternInputs: readonly PatternInputs[];
  readonly listeners: Set<() => void>;
}

const shared = new WeakMap<HostApi, SharedReview>();

function entry(host: HostApi): SharedReview {
  let found = shared.get(host);
  if (!found)
    shared.set(host, (found = { responses: [], patternInputs: [], listeners: new Set() }));
  return found;
}

export function publishResponses(
  host: HostApi,
  responses: readonly TimepointResponse[],
  patternInputs: readonly PatternInputs[] = [],
): void {
  const e = entry(host);
  e.responses = responses;
  e.patternInputs = patternInputs;
  for (const listener of e.listeners) listener();
}

export function subscribeResponses(host: HostApi, listener: () => void): () => void {
  const e = entry(host);
  e.listeners.add(listener);
  return () => e.listeners.delete(listener);
}

export const readResponses = (host: HostApi): readonly TimepointResponse[] => entry(host).responses;

export const readPatternInputs = (host: HostApi): readonly PatternInputs[] =>
  entry(host).patternInputs;
