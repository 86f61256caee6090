import { DicomWebError } from './types';

/** How the outbox spaces its automatic retries. */
export interface RetryPolicy {
  /** Wait after the first failed attempt (ms). */
  readonly baseDelayMs: number;
  /** The waits double per failed attempt up to this (ms). */
  readonly maxDelayMs: number;
  /** ±fraction of random spread, so many viewers do not all retry at once after an outage. */
  readonly jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: 5 * 60_000,
  jitter: 0.2,
};

/**
 * Wait before the next automatic attempt after `failedAttempts` failures (≥ 1): base × 2^(n−1),
 * capped, then spread by ±jitter with `random()` in [0, 1).
 */
export function computeRetryDelayMs(
  failedAttempts: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(failedAttempts - 1, 30));
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.round(delay * (1 - policy.jitter + 2 * policy.jitter * random()));
}

/**
 * What a failed STOW-RS attempt means for the object: `transient` failures (server down, 5xx,
 * timeouts, 408/429, an unreadable answer) are retried automatically; `attention` failures (the
 * server refused the object or the request: 4xx, bad configuration) wait for the user, since
 * sending the same bytes again would fail the same way.
 */
export type FailureKind = 'transient' | 'attention' | 'cancelled';

export function classifyStoreFailure(error: unknown): FailureKind {
  if (!(error instanceof DicomWebError)) return 'transient';
  switch (error.code) {
    case 'CANCELLED':
      return 'cancelled';
    case 'PACS_UNREACHABLE':
    case 'TIMEOUT':
    case 'MALFORMED_RESPONSE':
      return 'transient';
    case 'BAD_CONFIG':
      return 'attention';
    case 'HTTP_ERROR': {
      const status = error.status ?? 0;
      return status >= 500 || status === 408 || status === 429 || status === 0
        ? 'transient'
        : 'attention';
    }
  }
}

/** Text ending as a sentence ends (a full stop added when it has none). */
export const asSentence = (text: string): string =>
  /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;

/** What people can do about a failure, where it is clear. */
function hintFor(error: DicomWebError): string {
  if (error.code === 'PACS_UNREACHABLE') return ' Is the PACS running and reachable?';
  if (error.code === 'TIMEOUT') return ' The PACS is slow or overloaded; try again later.';
  if (error.code === 'HTTP_ERROR' && error.status === 503)
    return ' The PACS is unavailable for now.';
  if (error.code === 'HTTP_ERROR' && (error.status === 401 || error.status === 403))
    return ' Check the bearer token in the PACS settings.';
  return '';
}

/** A failure as one line for people, with its code and, where clear, what to do. */
export function describeDicomWebFailure(error: unknown): string {
  if (error instanceof DicomWebError) return `${error.message} (${error.code}).${hintFor(error)}`;
  return error instanceof Error ? error.message : String(error);
}
