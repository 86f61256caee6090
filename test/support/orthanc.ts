/**
 * A real Orthanc (Debian's `orthanc` + `orthanc-dicomweb`) for development (`npm run pacs`) and
 * the DICOMweb integration tests: loopback only, a temporary store, started on a free port and
 * stopped with SIGTERM (platform notes "Orthanc").
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDebianPackage } from './ensureDebianPackage';

export const ORTHANC_BINARY = '/usr/sbin/Orthanc';
export const DICOMWEB_PLUGIN = '/usr/share/orthanc/plugins/libOrthancDicomWeb.so';

/** Installs `orthanc orthanc-dicomweb` when missing (as root), else says what to run. Never orthanc-gdcm: it crashes on JPEG-LS. */
export function ensureOrthanc(): void {
  ensureDebianPackage('Orthanc', ['orthanc', 'orthanc-dicomweb'], () =>
    existsSync(DICOMWEB_PLUGIN),
  );
}

export interface OrthancServer {
  /** Orthanc's REST root, e.g. `http://127.0.0.1:18042`. */
  readonly url: string;
  /** The DICOMweb root, `<url>/dicom-web`. */
  readonly dicomWebUrl: string;
  readonly port: number;
  readonly pid: number;
  /** The temporary directory holding the configuration, store and log. */
  readonly dir: string;
  /** SIGTERM, wait for the exit (SIGKILL after `graceMs`), remove the temporary directory. */
  stop(graceMs?: number): Promise<void>;
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function orthancConfig(dir: string, port: number): Record<string, unknown> {
  return {
    Name: 'LIVER-REVIEW-DEV',
    StorageDirectory: join(dir, 'db'),
    IndexDirectory: join(dir, 'db'),
    Plugins: [DICOMWEB_PLUGIN],
    HttpPort: port,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    DicomServerEnabled: false,
    HttpDescribeErrors: true,
    SaveJobs: false,
    // No "Host": Debian's "localhost" makes RetrieveURLs lose the port (platform notes).
    DicomWeb: {
      Enable: true,
      Root: '/dicom-web/',
      EnableWado: true,
      WadoRoot: '/wado',
      Ssl: false,
    },
  };
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    try {
      const response = await fetch(`${url}/system`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '(no log)';
  throw new Error(`Orthanc did not start at ${url}:\n${log}`);
}

/** Starts Orthanc with the DICOMweb plugin on 127.0.0.1 (`port`, else a free one) with an empty temporary store. */
export async function startOrthanc(options: { port?: number } = {}): Promise<OrthancServer> {
  ensureOrthanc();
  // A port taken between findFreePort and Orthanc's bind: try again on another.
  for (let attempt = 0; ; attempt++) {
    const port = options.port ?? (await findFreePort());
    const dir = mkdtempSync(join(tmpdir(), 'liver-review-orthanc-'));
    const configFile = join(dir, 'orthanc.json');
    const logFile = join(dir, 'orthanc.log');
    writeFileSync(configFile, JSON.stringify(orthancConfig(dir, port), null, 2));
    const child = spawn(ORTHANC_BINARY, [`--logfile=${logFile}`, configFile], {
      stdio: 'ignore',
    });
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitUntilReady(url, child, logFile);
    } catch (error) {
      child.kill('SIGKILL');
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
      if (options.port === undefined && attempt < 2) continue;
      throw error;
    }
    let stopping: Promise<void> | null = null;
    const stop = (graceMs = 10_000): Promise<void> => {
      stopping ??= (async () => {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited(child);
        clearTimeout(timer);
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopping;
    };
    return { url, dicomWebUrl: `${url}/dicom-web`, port, pid: child.pid ?? -1, dir, stop };
  }
}

/** Every regular file under `dir`, recursively, sorted (DICOM or not: Orthanc rejects the rest). */
export function listFilesRecursively(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFilesRecursively(path));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

/**
 * Uploads Part 10 files through Orthanc's REST API (POST /instances), a few at a time.
 * Files that are not DICOM (manifests, truth JSON) are skipped by name.
 */
export async function uploadFiles(
  orthancUrl: string,
  files: readonly string[],
  concurrency = 4,
): Promise<{ instances: number; bytes: number }> {
  const queue = files.filter((file) => !file.endsWith('.json'));
  let bytes = 0;
  let instances = 0;
  const worker = async (): Promise<void> => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const body = readFileSync(file);
      const response = await fetch(`${orthancUrl}/instances`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/dicom' },
        body,
      });
      if (!response.ok) {
        throw new Error(
          `Orthanc refused ${file}: HTTP ${response.status} ${await response.text()}`,
        );
      }
      await response.arrayBuffer();
      bytes += body.byteLength;
      instances++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { instances, bytes };
}

/** The bundled sample patient (sample-dicom/out, from `npm run samples`). */
export const SAMPLE_DIR = join(import.meta.dirname, '../../sample-dicom/out');
