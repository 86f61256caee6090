/**
 * `npm run pacs`: a real Orthanc with DICOMweb on 127.0.0.1 holding the sample patient, for
 * `npm run dev` / `npm start` (they proxy /dicom-web to it). Ctrl-C or SIGTERM stops Orthanc
 * and deletes its temporary store.
 */
import { existsSync } from 'node:fs';
import { listFilesRecursively, SAMPLE_DIR, startOrthanc, uploadFiles } from './orthanc';

async function main(): Promise<void> {
  const port = Number(process.env['PORT'] ?? 8042);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`PORT must be a TCP port, not "${process.env['PORT']}"`);
  }
  if (!existsSync(SAMPLE_DIR)) throw new Error('No sample patient: run "npm run samples" first');
  const orthanc = await startOrthanc({ port });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping Orthanc (pid ${orthanc.pid})…`);
    orthanc.stop().then(
      () => {
        console.log('Orthanc stopped; temporary store removed.');
        process.exit(0);
      },
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    const started = Date.now();
    const uploaded = await uploadFiles(orthanc.url, listFilesRecursively(SAMPLE_DIR));
    console.log(
      `Uploaded the sample patient: ${uploaded.instances} instances, ` +
        `${(uploaded.bytes / 1e6).toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    await orthanc.stop();
    throw error;
  }
  console.log(`Orthanc (temporary store ${orthanc.dir})`);
  console.log(`  REST / Explorer: ${orthanc.url}/app/explorer.html`);
  console.log(`  DICOMweb:        ${orthanc.dicomWebUrl}`);
  console.log('In the viewer (npm run dev / npm start) use the DICOMweb URL /dicom-web (proxied).');
  console.log('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
