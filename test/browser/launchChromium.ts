import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const RESULTS_DIR = join(process.cwd(), 'test-results');

export interface BrowserSession {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors, page errors and CSP violations seen so far. */
  readonly problems: string[];
  /** The Chromium profile folder (IndexedDB, storage) of this session. */
  readonly userDataDir: string;
  close(): Promise<void>;
  /**
   * Kills Chromium at once, as a crash or a power cut would (SIGKILL to its whole process
   * group: browser, renderers and the storage service): no pagehide, visibilitychange or
   * unload runs and nothing is flushed. The profile folder is kept.
   */
  kill(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * Profile folder to open, e.g. one a killed session left behind. It is kept on close (the
   * caller removes it). Default: a fresh temp folder, removed on close.
   */
  readonly userDataDir?: string;
  /** More Chromium switches (e.g. `--js-flags=--expose-gc` for memory benchmarks). */
  readonly extraArgs?: readonly string[];
}

/**
 * The browser process Playwright spawned for a profile: a child of this process whose command
 * line names that profile. Playwright starts it as the leader of a new process group.
 */
function browserPid(userDataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(`--user-data-dir=${userDataDir}`)) return Number(entry);
    } catch {
      // The process ended while being read.
    }
  }
  throw new Error(`no Chromium process found for ${userDataDir}`);
}

/**
 * Debian's Chromium, headless, with WebGL2 through SwiftShader (platform notes): launch()
 * rejects --user-data-dir, so a persistent context on a fresh temp dir is used, and the
 * background-networking flags keep it off the closed network.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<BrowserSession> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const dir = options.userDataDir ?? mkdtempSync(join(tmpdir(), 'llr-chrome-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1600, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      ...(options.extraArgs ?? []),
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return {
    context,
    page,
    problems,
    userDataDir: dir,
    async close() {
      await context.close();
      if (!options.userDataDir) rmSync(dir, { recursive: true, force: true });
    },
    async kill() {
      const pid = browserPid(dir);
      const closed = new Promise<void>((resolve) => context.once('close', () => resolve()));
      process.kill(-pid, 'SIGKILL');
      await closed;
    },
  };
}

export interface CanvasStats {
  /** Fraction of pixels brighter than near-black (0..1). */
  readonly litFraction: number;
  /** Fraction of pixels brighter than mid-grey (0..1). */
  readonly brightFraction: number;
  /** Standard deviation of luma over the canvas: near 0 for a blank or uniform image. */
  readonly lumaStd: number;
}

/** Reads back the on-screen canvas of a viewport (cornerstone copies WebGL output to it). */
export async function canvasStats(page: Page, testId: string): Promise<CanvasStats> {
  return page.evaluate((id) => {
    const host = document.querySelector(`[data-testid="${id}"]`);
    const canvas = host?.querySelector('canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || canvas.width === 0)
      return { litFraction: 0, brightFraction: 0, lumaStd: 0 };
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let lit = 0;
    let bright = 0;
    let sum = 0;
    let sumSq = 0;
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const luma = 0.299 * (data[i] ?? 0) + 0.587 * (data[i + 1] ?? 0) + 0.114 * (data[i + 2] ?? 0);
      if (luma > 10) lit++;
      if (luma > 128) bright++;
      sum += luma;
      sumSq += luma * luma;
    }
    const mean = sum / n;
    return {
      litFraction: lit / n,
      brightFraction: bright / n,
      lumaStd: Math.sqrt(Math.max(0, sumSq / n - mean * mean)),
    };
  }, testId);
}
