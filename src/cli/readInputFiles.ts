import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { InputFile } from '../dicom/types.ts';

export interface InputFiles {
  readonly files: InputFile[];
  /** Files or folders that could not be read (permissions, broken links…). */
  readonly warnings: string[];
  /** Paths given on the command line that do not exist. */
  readonly missing: string[];
}

/**
 * Reads every file under `paths` (folders recursively, symbolic links followed once, in name
 * order so runs are repeatable). File names are reported relative to `cwd`. An unreadable
 * file or folder is a warning, never a failure.
 */
export function readInputFiles(paths: readonly string[], cwd = process.cwd()): InputFiles {
  const files: InputFile[] = [];
  const warnings: string[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  const label = (path: string): string => relative(cwd, path) || path;
  const reason = (e: unknown): string => (e as NodeJS.ErrnoException).code ?? String(e);

  const visit = (path: string): void => {
    let real: string;
    let isDirectory: boolean;
    try {
      real = realpathSync(path);
      isDirectory = statSync(real).isDirectory();
    } catch (e) {
      warnings.push(`skipped ${label(path)}: cannot read (${reason(e)})`);
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    if (isDirectory) {
      let entries: string[];
      try {
        entries = readdirSync(real).sort();
      } catch (e) {
        warnings.push(`skipped folder ${label(path)}: cannot list it (${reason(e)})`);
        return;
      }
      for (const entry of entries) visit(join(path, entry));
      return;
    }
    try {
      const buffer = readFileSync(real);
      files.push({
        name: label(path),
        bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength),
      });
    } catch (e) {
      warnings.push(`skipped ${label(path)}: cannot read (${reason(e)})`);
    }
  };

  for (const path of paths) {
    const absolute = resolve(cwd, path);
    try {
      statSync(absolute);
    } catch {
      missing.push(path);
      continue;
    }
    visit(absolute);
  }
  return { files, warnings, missing };
}
