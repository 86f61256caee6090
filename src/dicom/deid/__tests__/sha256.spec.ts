import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256, toHex, utf8 } from '../sha256.ts';

describe('sha256', () => {
  it('matches the FIPS 180-4 "abc" vector and node:crypto on every padding boundary', () => {
    expect(toHex(sha256(utf8('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const message = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);
      expect(toHex(sha256(message)), `length ${length}`).toBe(
        createHash('sha256').update(message).digest('hex'),
      );
    }
  });
});

describe('hmacSha256', () => {
  it('matches node:crypto for short and longer-than-block keys', () => {
    for (const key of [utf8('key'), new Uint8Array(64).fill(3), new Uint8Array(100).fill(9)]) {
      const message = utf8('The quick brown fox jumps over the lazy dog');
      expect(toHex(hmacSha256(key, message))).toBe(
        createHmac('sha256', key).update(message).digest('hex'),
      );
    }
  });
});
