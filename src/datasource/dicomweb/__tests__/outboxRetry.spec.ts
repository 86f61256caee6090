import { describe, expect, it } from 'vitest';
import { classifyStoreFailure, computeRetryDelayMs, describeDicomWebFailure } from '../outboxRetry';
import { DicomWebError } from '../types';

const policy = { baseDelayMs: 5_000, maxDelayMs: 300_000, jitter: 0.2 };
const middle = (): number => 0.5;

describe('computeRetryDelayMs', () => {
  it('doubles the wait per failed attempt from the base', () => {
    // 5 s × 2^(n−1): 5, 10, 20, 40, 80, 160 s.
    expect([1, 2, 3, 4, 5, 6].map((n) => computeRetryDelayMs(n, policy, middle))).toEqual([
      5_000, 10_000, 20_000, 40_000, 80_000, 160_000,
    ]);
  });

  it('caps the wait at the maximum', () => {
    // 5 s × 2^6 = 320 s > 300 s.
    expect(computeRetryDelayMs(7, policy, middle)).toBe(300_000);
    expect(computeRetryDelayMs(1000, policy, middle)).toBe(300_000);
  });

  it('spreads the wait by ±jitter', () => {
    expect(computeRetryDelayMs(2, policy, () => 0)).toBe(8_000);
    expect(computeRetryDelayMs(2, policy, () => 0.999999)).toBe(12_000);
  });

  it('treats zero or negative attempts as the first', () => {
    expect(computeRetryDelayMs(0, policy, middle)).toBe(5_000);
  });
});

describe('classifyStoreFailure', () => {
  const http = (status: number) => new DicomWebError('HTTP_ERROR', `HTTP ${status}`, status);

  it('retries server-side and network failures automatically', () => {
    for (const error of [
      new DicomWebError('PACS_UNREACHABLE', 'refused'),
      new DicomWebError('TIMEOUT', 'slow'),
      new DicomWebError('MALFORMED_RESPONSE', 'garbage'),
      http(500),
      http(502),
      http(503),
      http(408),
      http(429),
      new TypeError('Failed to fetch'),
    ])
      expect(classifyStoreFailure(error), error.message).toBe('transient');
  });

  it('waits for the user when the server refuses the request', () => {
    for (const error of [
      http(400),
      http(401),
      http(403),
      http(409),
      http(413),
      new DicomWebError('BAD_CONFIG', 'token to a foreign origin'),
    ])
      expect(classifyStoreFailure(error), error.message).toBe('attention');
  });

  it('recognises a cancelled attempt', () => {
    expect(classifyStoreFailure(new DicomWebError('CANCELLED', 'cancelled'))).toBe('cancelled');
  });
});

describe('describeDicomWebFailure', () => {
  it('gives the message, the code and what to check', () => {
    expect(
      describeDicomWebFailure(new DicomWebError('PACS_UNREACHABLE', 'Connection refused')),
    ).toBe('Connection refused (PACS_UNREACHABLE). Is the PACS running and reachable?');
    expect(
      describeDicomWebFailure(new DicomWebError('HTTP_ERROR', 'The PACS answered HTTP 401', 401)),
    ).toBe('The PACS answered HTTP 401 (HTTP_ERROR). Check the bearer token in the PACS settings.');
    expect(describeDicomWebFailure(new DicomWebError('HTTP_ERROR', 'HTTP 500', 500))).toBe(
      'HTTP 500 (HTTP_ERROR).',
    );
    expect(describeDicomWebFailure(new Error('plain'))).toBe('plain');
  });
});
