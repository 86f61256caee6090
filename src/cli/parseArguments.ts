import type { ReportFormat } from './formatMeasureReport.ts';

export const USAGE = `Usage: liver-review measure <path>... [--format json|csv] [--out FILE]

Measures the lesions, liver and spleen of one patient's CT dates from DICOM SEG
segmentations, links lesions across dates and assesses the response (RECIST 1.1 and
volumetric). Folders are read recursively.

Options:
  --format json|csv  output format (default json)
  --out FILE         write the report to FILE instead of standard output
  -h, --help         show this help

Exit codes: 0 measured, 2 usage error, 3 the input cannot be measured.`;

export type CliCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'measure';
      readonly paths: readonly string[];
      readonly format: ReportFormat;
      readonly out: string | null;
    };

export type ParsedArguments =
  | { readonly ok: true; readonly command: CliCommand }
  | { readonly ok: false; readonly message: string };

const usageError = (message: string): ParsedArguments => ({ ok: false, message });

/** Parses `measure <path>... [--format json|csv] [--out FILE]` (also `--format=csv`). */
export function parseArguments(argv: readonly string[]): ParsedArguments {
  if (argv.length === 0) return usageError('a command is required');
  if (argv.includes('-h') || argv.includes('--help'))
    return { ok: true, command: { kind: 'help' } };
  const [command, ...rest] = argv;
  if (command !== 'measure') return usageError(`unknown command "${command}"`);
  const paths: string[] = [];
  let format: ReportFormat | null = null;
  let out: string | null = null;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg];
    if (flag === '--format' || flag === '--out') {
      const value = inline ?? rest[++i];
      if (value === undefined || value === '') return usageError(`${flag} needs a value`);
      if (flag === '--format') {
        if (format !== null) return usageError('--format given twice');
        if (value !== 'json' && value !== 'csv')
          return usageError(`--format must be json or csv, not "${value}"`);
        format = value;
      } else {
        if (out !== null) return usageError('--out given twice');
        out = value;
      }
    } else if (arg === '--') {
      paths.push(...rest.slice(i + 1));
      break;
    } else if (arg.startsWith('-') && arg !== '-') {
      return usageError(`unknown option "${arg}"`);
    } else {
      paths.push(arg);
    }
  }
  if (paths.length === 0) return usageError('measure needs at least one file or folder');
  return { ok: true, command: { kind: 'measure', paths, format: format ?? 'json', out } };
}
