/**
 * `liver-review`: the Node command line (bin entry through ./liver-review.mjs, or
 * `npm run measure -- …`). Exit codes: 0 measured, 2 usage error, 3 input not measurable.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatReport } from './formatMeasureReport.ts';
import { measurePatient } from './measurePatient.ts';
import { parseArguments, USAGE } from './parseArguments.ts';
import { readInputFiles } from './readInputFiles.ts';

export const EXIT_OK = 0;
export const EXIT_USAGE = 2;
export const EXIT_NOT_MEASURABLE = 3;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly cwd: string;
}

const nodeIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd(),
};

/** Runs the command line on `argv` (without node and script) and returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo = nodeIo): number {
  const parsed = parseArguments(argv);
  if (!parsed.ok) {
    io.stderr(`liver-review: ${parsed.message}\n\n${USAGE}\n`);
    return EXIT_USAGE;
  }
  const command = parsed.command;
  if (command.kind === 'help') {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  const input = readInputFiles(command.paths, io.cwd);
  if (input.missing.length > 0) {
    io.stderr(`liver-review: no such file or folder: ${input.missing.join(', ')}\n`);
    return EXIT_USAGE;
  }
  const outcome = measurePatient(input.files);
  const warnings = [
    ...input.warnings,
    ...(outcome.ok ? outcome.report.warnings : outcome.warnings),
  ];
  for (const w of warnings) io.stderr(`warning: ${w}\n`);
  if (!outcome.ok) {
    io.stderr(`liver-review: cannot measure: ${outcome.error.message} (${outcome.error.code})\n`);
    return EXIT_NOT_MEASURABLE;
  }
  const text = formatReport({ ...outcome.report, warnings }, command.format);
  if (command.out === null) {
    io.stdout(text);
  } else {
    try {
      writeFileSync(resolve(io.cwd, command.out), text);
    } catch (e) {
      io.stderr(`liver-review: cannot write ${command.out}: ${(e as Error).message}\n`);
      return EXIT_USAGE;
    }
  }
  return EXIT_OK;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = runCli(process.argv.slice(2));
}
