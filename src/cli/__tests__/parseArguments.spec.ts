import { describe, expect, it } from 'vitest';
import { parseArguments } from '../parseArguments.ts';

describe('parseArguments', () => {
  it('reads paths, --format and --out in any order, with = or a separate value', () => {
    expect(parseArguments(['measure', 'a', '--format', 'csv', 'b', '--out=r.csv'])).toEqual({
      ok: true,
      command: { kind: 'measure', paths: ['a', 'b'], format: 'csv', out: 'r.csv' },
    });
    expect(parseArguments(['measure', 'a'])).toEqual({
      ok: true,
      command: { kind: 'measure', paths: ['a'], format: 'json', out: null },
    });
  });

  it('takes everything after -- as paths', () => {
    const parsed = parseArguments(['measure', '--', '--odd-folder']);
    expect(parsed.ok && parsed.command).toEqual({
      kind: 'measure',
      paths: ['--odd-folder'],
      format: 'json',
      out: null,
    });
  });

  it('answers help before anything else', () => {
    expect(parseArguments(['measure', '--bogus', '-h'])).toEqual({
      ok: true,
      command: { kind: 'help' },
    });
  });

  it.each([
    [[], /command is required/],
    [['mesure', 'a'], /unknown command "mesure"/],
    [['measure'], /at least one/],
    [['measure', 'a', '--format'], /--format needs a value/],
    [['measure', 'a', '--format', 'xlsx'], /json or csv/],
    [['measure', 'a', '--out', 'x', '--out', 'y'], /--out given twice/],
    [['measure', 'a', '-v'], /unknown option "-v"/],
  ])('refuses %j', (argv, message) => {
    const parsed = parseArguments(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
  });
});
