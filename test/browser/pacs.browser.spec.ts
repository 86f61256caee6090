/**
 * Issue 8 end to end, in Chromium against the production build and a real Orthanc holding the
 * sample patient (behind the preview server's /dicom-web proxy, as in deployment):
 * PACS settings (the token stays out of URLs and localStorage), QIDO-RS study search listing
 * the patient's other studies, WADO-RS loading of the three CT dates with progress and cancel,
 * painting a lesion, STOW-RS of the SEG + SR (read back from Orthanc in Node: dciodvfy clean,
 * listed by QIDO-RS), reloading them from the PACS voxel-identical; then Orthanc stopped: the
 * search fails with a clear message, Send leaves the objects in the IndexedDB outbox, the
 * browser is killed (SIGKILL) and relaunched, Orthanc restarted on the same store, and the
 * outbox empties by itself with the objects on the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preview, type PreviewServer } from 'vite';
import type { Page, Route } from 'playwright-core';
import { validateDicomFile } from '../support/dciodvfy';
import {
  ORTHANC_BINARY,
  SAMPLE_DIR,
  listFilesRecursively,
  startOrthanc,
  uploadFiles,
  type OrthancServer,
} from '../support/orthanc';
import { RESULTS_DIR, launchChromium, type BrowserSession } from './launchChromium';
import { editorCall, paintLesion, segmentVoxels, waitForEditor } from './editorPage';

type Vec3 = [number, number, number];
const truth = JSON.parse(readFileSync(join(SAMPLE_DIR, 'truth.json'), 'utf8')) as {
  patient: { name: string; id: string };
  ct: Array<{
    date: string;
    studyInstanceUid: string;
    lesions: Array<{ id: string; centreMm: Vec3 }>;
    series: Array<{ role: string; folder: string; seriesInstanceUid: string }>;
  }>;
};
const july = truth.ct[0]!;
const CT_DATES = truth.ct.map((c) => c.date);
const TOKEN = 'pacs-test-token-7Qx9';
const OUR_SEG = /^Segmentation of /;

let orthanc: OrthancServer;
/** Orthanc started again on the same store after being stopped. */
let restarted: ChildProcess | null = null;
let server: PreviewServer;
let badPacs: Server;
let appUrl: string;
let session: BrowserSession | undefined;
const profiles: string[] = [];
const problems: string[] = [];
/** Every request the pages made: URL and Authorization header. */
const requests: Array<{ url: string; authorization: string | undefined }> = [];
const figures: Record<string, number | string> = {};
let paintedDigest = '';
let paintedVoxels = 0;

function page(): Page {
  if (!session) throw new Error('no browser');
  return session.page;
}

async function openBrowser(userDataDir?: string): Promise<Page> {
  session = await launchChromium(userDataDir ? { userDataDir } : {});
  session.page.on('request', (request) =>
    requests.push({ url: request.url(), authorization: request.headers()['authorization'] }),
  );
  await session.page.goto(`${appUrl}/?autoload=0`);
  return session.page;
}

async function closeBrowser(): Promise<void> {
  if (!session) return;
  problems.push(...session.problems);
  await session.close();
  session = undefined;
}

// ---- Orthanc, in Node --------------------------------------------------------------------

async function qido(path: string): Promise<Array<Record<string, { Value?: unknown[] }>>> {
  const response = await fetch(`${orthanc.dicomWebUrl}${path}`, {
    headers: { Accept: 'application/dicom+json' },
  });
  if (response.status === 204) return [];
  if (!response.ok) throw new Error(`QIDO ${path}: HTTP ${response.status}`);
  return (await response.json()) as Array<Record<string, { Value?: unknown[] }>>;
}

const text = (dataset: Record<string, { Value?: unknown[] }>, tag: string): string =>
  String(dataset[tag]?.Value?.[0] ?? '');

/** The July study's series by modality and description (QIDO-RS, straight to Orthanc). */
async function julySeries(): Promise<
  Array<{ uid: string; modality: string; description: string }>
> {
  return (await qido(`/studies/${july.studyInstanceUid}/series`)).map((s) => ({
    uid: text(s, '0020000E'),
    modality: text(s, '00080060'),
    description: text(s, '0008103E'),
  }));
}

/** Every instance of a series, as Part 10 bytes from Orthanc's REST API. */
async function instancesOfSeries(seriesUid: string): Promise<Uint8Array[]> {
  const lookup = await fetch(`${orthanc.url}/tools/lookup`, { method: 'POST', body: seriesUid });
  const [found] = (await lookup.json()) as Array<{ ID: string }>;
  if (!found) throw new Error(`series ${seriesUid} is not in Orthanc`);
  const instances = (await (
    await fetch(`${orthanc.url}/series/${found.ID}/instances`)
  ).json()) as Array<{ ID: string }>;
  return Promise.all(
    instances.map(
      async (i) =>
        new Uint8Array(await (await fetch(`${orthanc.url}/instances/${i.ID}/file`)).arrayBuffer()),
    ),
  );
}

function processGone(pid: number): boolean {
  return !existsSync(`/proc/${pid}`) || readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
}

/** Stops Orthanc like a server going down (SIGTERM), keeping its store. */
async function stopOrthancKeepingStore(): Promise<void> {
  const pid = restarted?.pid ?? orthanc.pid;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + 20_000;
  while (!processGone(pid) && Date.now() < deadline) await sleep(100);
  if (!processGone(pid)) throw new Error('Orthanc did not stop');
  restarted = null;
}

/** Starts Orthanc again with the same configuration, port and store. */
async function restartOrthanc(): Promise<void> {
  restarted = spawn(
    ORTHANC_BINARY,
    [`--logfile=${join(orthanc.dir, 'orthanc-restarted.log')}`, join(orthanc.dir, 'orthanc.json')],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${orthanc.url}/system`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error('Orthanc did not start again');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- A misbehaving PACS: slow, malformed, failing -----------------------------------------

const BAD = {
  studyA: '2.25.900001',
  studyB: '2.25.900002',
  seriesBroken: '2.25.900003',
  seriesGarbage: '2.25.900004',
};
const dicomJson = (tags: Record<string, [string, unknown]>) =>
  Object.fromEntries(
    Object.entries(tags).map(([tag, [vr, value]]) => [tag, { vr, Value: [value] }]),
  );
const badStudy = (uid: string, date: string) =>
  dicomJson({
    '0020000D': ['UI', uid],
    '00100010': ['PN', { Alphabetic: 'BAD^METADATA' }],
    '00100020': ['LO', 'BAD-1'],
    '00080020': ['DA', date],
    '00080061': ['CS', 'CT'],
    '00201206': ['IS', 2],
    '00201208': ['IS', 2],
  });
const badSeries = (uid: string, number: number, description: string) =>
  dicomJson({
    '0020000D': ['UI', BAD.studyB],
    '0020000E': ['UI', uid],
    '00080060': ['CS', 'CT'],
    '00200011': ['IS', number],
    '0008103E': ['LO', description],
    '00201209': ['IS', 1],
  });

/**
 * Serves /bad-pacs: a name search for SLOW* never answers, BROKEN* gets truncated JSON; study A's
 * series list is not DICOM JSON objects; study B has a series answering HTTP 500 and one whose
 * only part is not DICOM; STOW-RS answers HTTP 500.
 */
function startBadPacs(): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://bad');
    const path = url.pathname.replace(/^\/bad-pacs/, '');
    const json = (body: string) => {
      res.writeHead(200, { 'Content-Type': 'application/dicom+json' });
      res.end(body);
    };
    if (req.method === 'POST') {
      req.resume();
      req.on('end', () => {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('storage backend failure');
      });
      return;
    }
    if (path === '/studies') {
      const name = url.searchParams.get('PatientName') ?? '';
      if (name.startsWith('SLOW')) return; // never answers
      if (name.startsWith('BROKEN')) return json('[{"0020000D": {"vr": "UI", "Value": ["1.2');
      return json(
        JSON.stringify([badStudy(BAD.studyA, '20240101'), badStudy(BAD.studyB, '20240102')]),
      );
    }
    if (path === `/studies/${BAD.studyA}/series`) return json('[1, "two", null]');
    if (path === `/studies/${BAD.studyB}/series`)
      return json(
        JSON.stringify([
          badSeries(BAD.seriesBroken, 1, 'Broken'),
          badSeries(BAD.seriesGarbage, 2, 'Garbage'),
        ]),
      );
    if (path === `/studies/${BAD.studyB}/series/${BAD.seriesBroken}`) {
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('boom');
      return;
    }
    if (path === `/studies/${BAD.studyB}/series/${BAD.seriesGarbage}`) {
      res.writeHead(200, {
        'Content-Type': 'multipart/related; type="application/dicom"; boundary=XyZ',
      });
      res.end('--XyZ\r\nContent-Type: application/dicom\r\n\r\nthis is not DICOM\r\n--XyZ--\r\n');
      return;
    }
    res.writeHead(404);
    res.end();
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function setPacsUrl(p: Page, url: string | null) {
  const dialog = await openPacsDialog(p);
  const settings = dialog.locator('details.pacs-settings-box');
  if (!(await settings.evaluate((d) => (d as HTMLDetailsElement).open)))
    await settings.getByText('Server settings').click();
  if (url === null) {
    await dialog.getByRole('button', { name: 'Forget PACS settings' }).click();
  } else {
    await dialog.getByLabel('DICOMweb URL').fill(url);
    await dialog.getByRole('button', { name: 'Save PACS settings' }).click();
    await expect
      .poll(() => dialog.getByRole('status').filter({ hasText: 'PACS set to' }).textContent())
      .toBe(`PACS set to ${url}.`);
  }
  return dialog;
}

// ---- The app -----------------------------------------------------------------------------

async function openPacsDialog(p: Page) {
  const dialog = p.getByRole('dialog', { name: 'PACS (DICOMweb)' });
  if ((await dialog.count()) === 0) await p.getByRole('button', { name: 'PACS…' }).click();
  await dialog.waitFor();
  return dialog;
}

/** Searches the sample patient by name with a date range around August only. */
async function searchAugust(p: Page) {
  const dialog = await openPacsDialog(p);
  await dialog.getByLabel('Patient name').fill('SAMPLE');
  await dialog.getByLabel('Study date from').fill('2024-08-01');
  await dialog.getByLabel('Study date to').fill('2024-08-31');
  await dialog.getByRole('button', { name: 'Search', exact: true }).click();
  const patient = dialog.getByRole('region', {
    name: `Patient ${truth.patient.name} (${truth.patient.id})`,
  });
  await patient.waitFor({ timeout: 30_000 });
  return { dialog, patient };
}

async function chooseStudies(p: Page, dates: readonly string[]) {
  const { dialog, patient } = await searchAugust(p);
  for (const date of dates)
    await patient.getByRole('checkbox', { name: new RegExp(`^${date}`) }).check();
  return dialog;
}

const loadResult = (p: Page) => p.locator('.pacs-load-result');

const require = createRequire(import.meta.url);

/** axe-core (WCAG 2 A/AA) violations inside one element of the page. */
async function axeViolations(p: Page, selector: string): Promise<string[]> {
  await p.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  return p.evaluate(async (context) => {
    type AxeResult = { violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> };
    const axe = (
      window as unknown as { axe: { run: (c: string, o: object) => Promise<AxeResult> } }
    ).axe;
    const result = await axe.run(context, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
    });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, selector);
}

describe('PACS: DICOMweb browse, load, send and the outbox (Chromium + Orthanc)', () => {
  beforeAll(async () => {
    orthanc = await startOrthanc();
    const started = Date.now();
    const uploaded = await uploadFiles(orthanc.url, listFilesRecursively(SAMPLE_DIR));
    figures.uploadInstances = uploaded.instances;
    figures.uploadMs = Date.now() - started;
    badPacs = await startBadPacs();
    const badUrl = `http://127.0.0.1:${(badPacs.address() as AddressInfo).port}`;
    const outDir = process.env.BROWSER_TEST_OUT_DIR ?? 'dist';
    server = await preview({
      build: { outDir },
      preview: {
        port: 0,
        host: '127.0.0.1',
        strictPort: false,
        // changeOrigin off: Orthanc's RetrieveURLs then point back at this proxy (platform notes).
        proxy: {
          '/dicom-web': { target: orthanc.url, changeOrigin: false },
          '/bad-pacs': { target: badUrl, changeOrigin: false },
        },
      },
      logLevel: 'silent',
    });
    appUrl = server.resolvedUrls!.local[0]!.replace(/\/$/, '');
  }, 300_000);

  afterAll(async () => {
    await closeBrowser();
    if (restarted?.pid && !processGone(restarted.pid)) await stopOrthancKeepingStore();
    await orthanc?.stop();
    badPacs?.closeAllConnections();
    await new Promise<void>((resolve) => (badPacs ? badPacs.close(() => resolve()) : resolve()));
    await new Promise<void>((resolve) =>
      server ? server.httpServer.close(() => resolve()) : resolve(),
    );
    for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
    writeFileSync(join(RESULTS_DIR, 'pacs-figures.json'), JSON.stringify(figures, null, 2));
  });

  it('keeps the bearer token out of URLs and localStorage and sends it only to the PACS', async () => {
    const p = await openBrowser();
    const dialog = await openPacsDialog(p);
    const settings = dialog.locator('details.pacs-settings-box');
    if (!(await settings.evaluate((d) => (d as HTMLDetailsElement).open)))
      await settings.getByText('Server settings').click();
    await dialog.getByLabel('DICOMweb URL').fill('/dicom-web');
    await dialog.getByLabel('Bearer token (optional)').fill(TOKEN);
    await dialog.getByRole('button', { name: 'Save PACS settings' }).click();
    await expect
      .poll(() => dialog.getByRole('status').filter({ hasText: 'PACS set to' }).textContent())
      .toBe('PACS set to /dicom-web.');
    await dialog.getByRole('button', { name: 'Test connection' }).click();
    await expect
      .poll(() => dialog.getByRole('status').filter({ hasText: 'answered' }).count())
      .toBe(1);
    const stored = await p.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
    }));
    expect(stored.local).toContain('/dicom-web');
    expect(stored.local).not.toContain(TOKEN);
    expect(stored.session).toContain(TOKEN);
    // The token field is emptied once saved.
    expect(await dialog.getByLabel('Bearer token (optional)').inputValue()).toBe('');
    await p.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  it('lists the patient’s other studies after a narrow search, and cancels a load cleanly', async () => {
    const p = page();
    const { dialog, patient } = await searchAugust(p);
    const studies = patient.getByRole('list', { name: `Studies of ${truth.patient.name}` });
    const rows = await studies
      .getByRole('checkbox')
      .evaluateAll((boxes) => boxes.map((b) => b.parentElement?.textContent ?? ''));
    // One study matched (August); July, the MR and October are listed with it, oldest first.
    expect(rows.map((r) => r.slice(0, 10))).toEqual([
      '2024-07-25',
      '2024-07-26',
      '2024-08-12',
      '2024-10-07',
    ]);
    await expect
      .poll(() => dialog.getByRole('status').filter({ hasText: 'matching' }).textContent())
      .toBe('1 matching study of 1 patient(s).');
    // The series list of a study, from QIDO-RS.
    await patient.getByRole('button', { name: /^Series of 2024-07-25/ }).click();
    const series = patient.getByRole('list', { name: /^Series of 2024-07-25/ });
    await expect.poll(() => series.getByRole('checkbox').count()).toBe(3);
    expect(await series.textContent()).toContain('Abdomen PV 1.25mm');
    expect(await axeViolations(p, '.pacs-dialog')).toEqual([]);
    await p.screenshot({ path: join(RESULTS_DIR, 'pacs-study-browser.png') });

    for (const date of CT_DATES)
      await patient.getByRole('checkbox', { name: new RegExp(`^${date}`) }).check();
    // Each series retrieval (WADO-RS, not the QIDO series search) waits 1.5 s, so the load is
    // still running when Cancel is pressed however fast the machine is.
    const retrieval = /\/studies\/[^/]+\/series\/[^/?]+(\?.*)?$/;
    const slowRetrieval = async (route: Route): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue().catch(() => undefined);
    };
    await p.route(retrieval, slowRetrieval);
    await dialog.getByRole('button', { name: 'Open selected (3 studies)' }).click();
    const progress = p.getByRole('progressbar', { name: 'PACS loading progress' });
    await expect
      .poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 })
      .toBeGreaterThan(0);
    expect(await p.getByRole('progressbar', { name: 'Progress of this series' }).count()).toBe(1);
    await p.screenshot({ path: join(RESULTS_DIR, 'pacs-loading.png') });
    await p.getByRole('button', { name: 'Cancel loading' }).click();
    await expect
      .poll(() => loadResult(p).textContent(), { timeout: 20_000 })
      .toContain('Loading was cancelled; the loaded series stay open.');
    await p.unroute(retrieval, slowRetrieval);
    // Nothing hangs: the controls work again.
    expect(await p.getByRole('button', { name: 'Open files…' }).isEnabled()).toBe(true);
    expect(await progress.count()).toBe(0);
    expect(await p.locator('.pacs-preview').count()).toBe(0);
  });

  it('loads the three CT dates with WADO-RS, showing the first before the last has arrived', async () => {
    const p = page();
    // A fresh page: nothing displayed yet (the cancelled load may have shown July already).
    await p.reload();
    await p.evaluate(() => {
      const marks: Record<string, number> = {};
      const preview: Record<string, number | string> = {};
      const w = window as unknown as {
        __pacsMarks: Record<string, number>;
        __pacsPreview: Record<string, number | string>;
      };
      w.__pacsMarks = marks;
      w.__pacsPreview = preview;
      const observer = new MutationObserver(() => {
        const now = performance.now();
        if (!marks['firstImage'] && document.querySelector('[data-testid="slice-info-stack"]'))
          marks['firstImage'] = now;
        if (document.querySelector('.pacs-load')) marks['loading'] ??= now;
        else if (marks['loading'] && !marks['loaded']) marks['loaded'] = now;
      });
      observer.observe(document.body, { childList: true, subtree: true });
      // The first drawn preview: when, its accessible name, and its grey-level statistics.
      const sampler = setInterval(() => {
        const canvas = document.querySelector<HTMLCanvasElement>('canvas.pacs-preview-canvas');
        if (marks['loaded']) clearInterval(sampler);
        // Still there 2 s after the first volume showed, while the other dates load?
        const sinceShown = marks['firstImage'] ? performance.now() - marks['firstImage'] : 0;
        if (sinceShown > 2_000 && document.querySelector('.pacs-load .pacs-preview'))
          marks['previewLingered'] ??= performance.now();
        if (!canvas || marks['previewDrawn']) return;
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let sum = 0;
        let sumSquares = 0;
        let softTissue = 0;
        const levels = new Set<number>();
        for (let i = 0; i < data.length; i += 4) {
          const grey = data[i]!;
          sum += grey;
          sumSquares += grey * grey;
          levels.add(grey);
          // 40/400 window: grey 90–200 is about −20 to 155 HU (fat-free soft tissue, liver).
          if (grey >= 90 && grey <= 200) softTissue++;
        }
        const n = data.length / 4;
        const mean = sum / n;
        if (sumSquares / n - mean * mean <= 0) return; // not drawn yet
        marks['previewDrawn'] = performance.now();
        Object.assign(preview, {
          label: canvas.getAttribute('aria-label') ?? '',
          role: canvas.getAttribute('role') ?? '',
          width: canvas.width,
          height: canvas.height,
          cssWidth: canvas.getBoundingClientRect().width,
          mean,
          sd: Math.sqrt(sumSquares / n - mean * mean),
          levels: levels.size,
          softTissue: softTissue / n,
          seriesProgressMax:
            document.querySelector('progress.pacs-series-progress')?.getAttribute('max') ?? '',
        });
      }, 25);
    });
    const dialog = await chooseStudies(p, CT_DATES);
    const started = Date.now();
    await dialog.getByRole('button', { name: 'Open selected (3 studies)' }).click();
    // While July's CT streams in: a live image with its accessible name, and its own progress.
    const previewImage = p.getByRole('img', {
      name: /^Preview of CT Abdomen PV 1\.25mm while loading, image \d+ of 200$/,
    });
    await previewImage.waitFor({ timeout: 30_000 });
    await p.screenshot({ path: join(RESULTS_DIR, 'pacs-preview.png') });
    await expect.poll(() => loadResult(p).textContent(), { timeout: 120_000 }).toContain('Loaded');
    figures.loadThreeCtMs = Date.now() - started;
    const result = await loadResult(p).textContent();
    // July (topogram, CT, reference SEG), August (CT, SEG), October (CT, SEG).
    expect(result).toContain('Loaded 7 of 7 series from the PACS.');
    const marks = await p.evaluate(
      () => (window as unknown as { __pacsMarks: Record<string, number> }).__pacsMarks,
    );
    figures.firstImageAfterOpenMs = Math.round(marks['firstImage']! - marks['loading']!);
    figures.allLoadedAfterOpenMs = Math.round(marks['loaded']! - marks['loading']!);
    expect(marks['firstImage']).toBeLessThan(marks['loaded']!);

    // The preview was drawn before the first volume was displayed, and it is CT, not blank:
    // abdomen window 40/400 on a 512² slice shows air, fat, soft tissue and bone.
    const preview = await p.evaluate(
      () => (window as unknown as { __pacsPreview: Record<string, number | string> }).__pacsPreview,
    );
    figures.firstPreviewAfterOpenMs = Math.round(marks['previewDrawn']! - marks['loading']!);
    figures.previewGreySd = Math.round(Number(preview['sd']) * 10) / 10;
    figures.previewGreyLevels = Number(preview['levels']);
    expect(marks['previewDrawn']).toBeLessThan(marks['firstImage']!);
    expect(preview).toMatchObject({
      role: 'img',
      width: 512,
      height: 512,
      cssWidth: 320,
      // The series bar counted July's CT instances when its first image showed.
      seriesProgressMax: '200',
    });
    expect(preview['label']).toMatch(
      /^Preview of CT Abdomen PV 1\.25mm while loading, image \d+ of 200$/,
    );
    expect(Number(preview['sd'])).toBeGreaterThan(15);
    expect(Number(preview['levels'])).toBeGreaterThan(50);
    expect(Number(preview['softTissue'])).toBeGreaterThan(0.03);
    // Throttled on the main thread: at most one decode per 150 ms while July streamed in.
    const decodes = await p.evaluate(() =>
      performance.getEntriesByName('pacs-preview-decode').map((e) => e.duration),
    );
    figures.previewDecodes = decodes.length;
    figures.previewDecodeMaxMs = Math.round(Math.max(...decodes));
    figures.previewDecodeTotalMs = Math.round(decodes.reduce((a, b) => a + b, 0));
    expect(decodes.length).toBeGreaterThan(0);
    expect(decodes.length).toBeLessThanOrEqual(
      Math.ceil((marks['firstImage']! - marks['loading']!) / 150) + 1,
    );
    // It went away once the series was displayed (the other dates still loading).
    expect(marks['previewLingered']).toBeUndefined();
    expect(await p.locator('.pacs-preview').count()).toBe(0);

    const browser = p.getByRole('navigation', { name: 'Series browser' });
    for (const date of CT_DATES) expect(await browser.textContent()).toContain(date);
    await expect.poll(() => p.getByTestId('slice-info-stack').count()).toBe(1);
  });

  it('sends the painted SEG and its SR with STOW-RS; QIDO-RS lists them and they pass dciodvfy', async () => {
    const p = page();
    await waitForEditor(p);
    await p.getByLabel('3D sphere').check();
    await p.getByRole('button', { name: 'Paint', exact: true }).click();
    await paintLesion(p, july.lesions[0]!.centreMm, 8, 1);
    paintedVoxels = await segmentVoxels(p, 1);
    paintedDigest = (await editorCall<string>(p, 'digest'))!;

    await p.getByRole('button', { name: 'Send SEG + SR to PACS' }).click();
    const sent = p.getByRole('list', { name: 'Sent to PACS' });
    await sent.waitFor({ timeout: 30_000 });
    const items = await sent.getByRole('listitem').allTextContents();
    expect(items).toHaveLength(2);
    expect(items[0]).toMatch(/^SEG seg-20240725-.*\.dcm: stored$/);
    expect(items[1]).toMatch(/^SR sr-20240725-.*\.dcm: stored$/);
    expect(await p.getByRole('status').filter({ hasText: 'stored on' }).textContent()).toBe(
      '2 object(s) stored on /dicom-web.',
    );
    expect(await p.getByRole('region', { name: 'PACS outbox' }).count()).toBe(0);
    expect(await axeViolations(p, '.dicom-seg')).toEqual([]);

    const series = await julySeries();
    const ours = series.filter((s) => s.modality === 'SEG' && OUR_SEG.test(s.description));
    const reports = series.filter((s) => s.modality === 'SR');
    expect(ours).toHaveLength(1);
    expect(reports).toHaveLength(1);
    for (const [name, uid] of [
      ['seg', ours[0]!.uid],
      ['sr', reports[0]!.uid],
    ] as const) {
      const [bytes] = await instancesOfSeries(uid);
      const path = join(RESULTS_DIR, `pacs-stored-${name}.dcm`);
      writeFileSync(path, bytes!);
      const validation = validateDicomFile(path);
      expect(validation.errors, validation.output).toEqual([]);
    }
  });

  it('reloads the SEG from the PACS into a fresh browser, voxel-identical', async () => {
    await closeBrowser();
    const p = await openBrowser();
    const dialog = await chooseStudies(p, [july.date]);
    await dialog.getByRole('button', { name: 'Open selected (1 study)' }).click();
    await expect
      .poll(() => loadResult(p).textContent(), { timeout: 120_000 })
      .toContain('Loaded 5 of 5 series');
    await waitForEditor(p);
    const segs = p.getByRole('list', { name: 'DICOM SEG of this series' });
    await segs.getByRole('button', { name: /^Load Segmentation of / }).click();
    await expect
      .poll(() => p.getByRole('status').filter({ hasText: 'Loaded 1 segment(s)' }).count())
      .toBe(1);
    expect(await segmentVoxels(p, 1)).toBe(paintedVoxels);
    expect(await editorCall<string>(p, 'digest')).toBe(paintedDigest);
    // The SR came back too, and measures this series.
    await expect
      .poll(() => p.getByRole('list', { name: 'DICOM SR of this series' }).count())
      .toBe(1);
  });

  it('says clearly what a slow, malformed or failing PACS did, and never sends to another server silently', async () => {
    const p = page();
    const before = await julySeries();
    let dialog = await setPacsUrl(p, '/bad-pacs');

    // Slow: the search can be cancelled, and the form works again.
    await dialog.getByLabel('Study date from').fill('');
    await dialog.getByLabel('Study date to').fill('');
    await dialog.getByLabel('Patient name').fill('SLOW');
    await dialog.getByRole('button', { name: 'Search', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('button', { name: 'Searching…' }).isDisabled())
      .toBe(true);
    await dialog.getByRole('button', { name: 'Cancel search' }).click();
    await expect
      .poll(() => dialog.getByRole('status').filter({ hasText: 'Search' }).textContent())
      .toBe('Search cancelled.');
    expect(await dialog.getByRole('button', { name: 'Search', exact: true }).isEnabled()).toBe(
      true,
    );

    // Malformed study search.
    await dialog.getByLabel('Patient name').fill('BROKEN');
    await dialog.getByRole('button', { name: 'Search', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent())
      .toMatch(/^Search failed: .*MALFORMED_RESPONSE/);

    // Malformed series list; a series answering HTTP 500 and one that is not DICOM.
    await dialog.getByLabel('Patient name').fill('GOOD');
    await dialog.getByRole('button', { name: 'Search', exact: true }).click();
    const patient = dialog.getByRole('region', { name: 'Patient BAD^METADATA (BAD-1)' });
    await patient.waitFor();
    await patient.getByRole('button', { name: /^Series of 2024-01-01/ }).click();
    await expect
      .poll(() => patient.getByRole('alert').textContent())
      .toMatch(/^Series could not be listed: .*MALFORMED_RESPONSE/);
    await patient.getByRole('checkbox', { name: /^2024-01-02/ }).check();
    await dialog.getByRole('button', { name: 'Open selected (1 study)' }).click();
    await expect.poll(() => loadResult(p).getAttribute('role'), { timeout: 30_000 }).toBe('alert');
    const result = (await loadResult(p).textContent()) ?? '';
    figures.badLoadMessage = result.replace(/ ×$/, '');
    expect(result).toContain('Loaded 0 of 2 series from the PACS.');
    expect(result).toMatch(/Not loaded: CT Broken: .*HTTP 500.*\(HTTP_ERROR\)\./);
    expect(result).toMatch(
      /Not loaded: CT Garbage: .*not a DICOM Part 10 file.*\(MALFORMED_RESPONSE\)\./,
    );
    // The viewer still shows the July series and its segment.
    expect(await segmentVoxels(p, 1)).toBe(paintedVoxels);

    // STOW-RS answering HTTP 500: both objects wait in the outbox for /bad-pacs.
    await p.getByRole('button', { name: 'Send SEG + SR to PACS' }).click();
    const sent = p.getByRole('list', { name: 'Sent to PACS' });
    await sent.waitFor({ timeout: 30_000 });
    for (const item of await sent.getByRole('listitem').allTextContents())
      expect(item).toMatch(
        /waiting in the outbox \(.*500.*\(HTTP_ERROR\)\. Retried automatically in \d+ s\.\)$/,
      );
    const outbox = p.getByRole('region', { name: 'PACS outbox' });
    await expect.poll(() => outbox.getByRole('status').textContent()).toBe('Outbox: 2 waiting');

    // Back to the deployment's PACS: the objects meant for /bad-pacs are not sent there.
    dialog = await setPacsUrl(p, null);
    await p.keyboard.press('Escape');
    await outbox.getByText('Outbox: 2 waiting').click();
    const entries = outbox.getByRole('list', { name: 'Objects waiting to be sent' });
    await expect
      .poll(() => entries.textContent())
      .toContain('meant for /bad-pacs, not the configured PACS /dicom-web');
    expect(await axeViolations(p, '.pacs-header')).toEqual([]);
    await p.screenshot({ path: join(RESULTS_DIR, 'pacs-outbox.png') });
    await outbox.getByRole('button', { name: 'Retry now' }).click();
    await sleep(1_000);
    expect(await julySeries()).toEqual(before);
    expect(await outbox.getByRole('status').textContent()).toBe('Outbox: 2 waiting');

    // Only an explicit choice sends one there; the other is discarded after a confirmation.
    await entries.getByRole('button', { name: /^Send seg-.* to \/dicom-web$/ }).click();
    await expect.poll(() => outbox.getByRole('status').textContent()).toBe('Outbox: 1 waiting');
    await entries.getByRole('button', { name: /^Discard sr-/ }).click();
    await outbox
      .getByRole('group', { name: 'Confirm discarding' })
      .getByRole('button', { name: 'Discard it' })
      .click();
    await expect.poll(() => outbox.count()).toBe(0);
    const after = await julySeries();
    expect(after.filter((s) => s.modality === 'SEG')).toHaveLength(
      before.filter((s) => s.modality === 'SEG').length + 1,
    );
    expect(after.filter((s) => s.modality === 'SR')).toHaveLength(
      before.filter((s) => s.modality === 'SR').length,
    );
  });

  it('keeps what it cannot send in the outbox across a killed browser, and sends it once Orthanc is back', async () => {
    let p = page();
    const before = await julySeries();
    await stopOrthancKeepingStore();

    // A search against the stopped server fails with a message, and the form works again.
    const dialog = await openPacsDialog(p);
    await dialog.getByRole('button', { name: 'Search', exact: true }).click();
    await expect
      .poll(() => dialog.getByRole('alert').textContent(), { timeout: 40_000 })
      .toMatch(/^Search failed: /);
    figures.searchFailureMessage = (await dialog.getByRole('alert').textContent()) ?? '';
    expect(await dialog.getByRole('button', { name: 'Search', exact: true }).isEnabled()).toBe(
      true,
    );
    await dialog.getByRole('button', { name: 'Close' }).click();

    await p.getByRole('button', { name: 'Send SEG + SR to PACS' }).click();
    const sent = p.getByRole('list', { name: 'Sent to PACS' });
    await sent.waitFor({ timeout: 40_000 });
    const items = await sent.getByRole('listitem').allTextContents();
    expect(items.map((i) => i.split(':')[0])).toEqual([
      expect.stringMatching(/^SEG seg-/),
      expect.stringMatching(/^SR sr-/),
    ]);
    for (const item of items) expect(item).toContain('waiting in the outbox');
    expect(
      await p.getByRole('alert').filter({ hasText: 'wait in the outbox' }).textContent(),
    ).toContain('2 object(s) could not be sent and wait in the outbox');
    await expect
      .poll(() => p.getByRole('region', { name: 'PACS outbox' }).getByRole('status').textContent())
      // An automatic retry may be in flight at that moment ("… (sending…)"); 2 still wait.
      .toMatch(/^Outbox: 2 waiting( \(sending…\))?$/);
    expect(await p.getByRole('button', { name: 'Send SEG + SR to PACS' }).isEnabled()).toBe(true);

    // Killed: no unload handler runs. The outbox must come back from IndexedDB.
    const profile = session!.userDataDir;
    await session!.kill();
    problems.push(...session!.problems);
    // launchChromium removes a fresh profile on close; this one was left by the kill.
    profiles.push(profile);
    session = undefined;

    p = await openBrowser(profile);
    const outbox = p.getByRole('region', { name: 'PACS outbox' });
    await expect
      .poll(() => outbox.getByRole('status').textContent(), { timeout: 30_000 })
      .toBe('Outbox: 2 waiting');
    // Chromium writes localStorage to disk lazily (seconds, longer once its commit rate limit
    // is reached), so the PACS URL forgotten by the previous test can come back as /bad-pacs
    // after a kill; the objects, meant for /dicom-web, then wait for an explicit choice. The URL
    // is set again as a user would; either that or the attempt at start sends them.
    await setPacsUrl(p, '/dicom-web');
    await p.keyboard.press('Escape');
    // The attempt fails too (Orthanc is still down) and says why.
    await expect
      .poll(() => outbox.getByRole('alert').textContent(), { timeout: 40_000 })
      .toMatch(/^Last error: seg-.*|^Last error: sr-.*/);

    await restartOrthanc();
    const restartedAt = Date.now();
    // Retried automatically with backoff: the outbox empties without any click.
    await expect.poll(() => outbox.count(), { timeout: 60_000, interval: 500 }).toBe(0);
    figures.outboxEmptiedAfterRestartMs = Date.now() - restartedAt;
    const after = await julySeries();
    const count = (list: typeof after, modality: string) =>
      list.filter((s) => s.modality === modality).length;
    expect(count(after, 'SEG')).toBe(count(before, 'SEG') + 1);
    expect(count(after, 'SR')).toBe(count(before, 'SR') + 1);
  });

  it('made no request carrying the token anywhere but the PACS, and no token in any URL', () => {
    const pacsRequests = requests.filter((r) => new URL(r.url).pathname.startsWith('/dicom-web'));
    expect(pacsRequests.length).toBeGreaterThan(0);
    for (const r of requests) expect(r.url).not.toContain(TOKEN);
    for (const r of requests.filter((r) => !new URL(r.url).pathname.startsWith('/dicom-web')))
      expect(r.authorization, r.url).toBeUndefined();
    // The first browser had a token; it went along with its PACS requests.
    expect(pacsRequests.some((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const unexpected = problems.filter(
      (m) => !/Failed to load resource|status of 500|ERR_CONNECTION_REFUSED/.test(m),
    );
    expect(unexpected).toEqual([]);
  });
});
