/**
 * In-page instrumentation shared by both sides of bench/editor.bench.ts. Each function is
 * serialised by Playwright's page.evaluate, so it must not use anything from this module's
 * scope (tsx's `__name` helper is stubbed in the page by the bench).
 */

export interface LatencyProbeOptions {
  /** CSS selector of the cornerstone viewport element (it receives IMAGE_RENDERED). */
  readonly viewportSelector: string;
  /**
   * CSS pixels ahead of the pointer, along +x, where the pixel test looks: inside the brush
   * disc of this move, outside the disc of the previous move.
   */
  readonly leadPx: number;
  /** Element whose text shows the painted segment's size (ours), or null. */
  readonly statsSelector: string | null;
}

export interface MoveSample {
  /** pointermove → first IMAGE_RENDERED of the viewport after the move was handled. */
  readonly nextRenderMs: number | null;
  /** pointermove → first IMAGE_RENDERED after which the canvas pixel ahead of the pointer changed. */
  readonly paintedMs: number | null;
  /** Synchronous pointermove listeners (viewport capture → document bubble). */
  readonly handlerMs: number;
  /** How many pointer events Chromium coalesced into this pointermove. */
  readonly coalesced: number;
  /** Which viewport render after the move first showed its paint (1 = the next one). */
  readonly paintedAtRender: number | null;
}

export interface LatencyRecord {
  readonly moves: MoveSample[];
  readonly renders: number;
  /** Renders that showed the paint of at least one move not shown before. */
  readonly paintRenders: number;
  /** pointerup handled → the segment size text changed (ours only). */
  readonly statsUpdateMs: number | null;
}

/** Installs the latency listeners on a page; `collectLatency` reads and removes them. */
export function installLatencyProbe(options: LatencyProbeOptions): void {
  const host = document.querySelector<HTMLElement>(options.viewportSelector);
  const canvas = host?.querySelector('canvas');
  const context = canvas?.getContext('2d');
  if (!host || !canvas || !context) throw new Error(`no 2D canvas in ${options.viewportSelector}`);
  type Pending = {
    t: number;
    x: number;
    y: number;
    base: number[];
    nextRenderMs: number | null;
    paintedMs: number | null;
    handlerMs: number;
    coalesced: number;
    rendersSeen: number;
    paintedAtRender: number | null;
  };
  const all: Pending[] = [];
  let open: Pending[] = [];
  let renders = 0;
  let paintRenders = 0;
  let handlerStart = 0;
  let current: Pending | null = null;
  let upAt: number | null = null;
  let statsUpdateMs: number | null = null;
  const pixel = (x: number, y: number): number[] =>
    Array.from(context.getImageData(x, y, 1, 1).data);

  const onMoveCapture = (event: PointerEvent): void => {
    current = null;
    handlerStart = performance.now();
    if ((event.buttons & 1) === 0) return;
    const coalesced = event.getCoalescedEvents ? event.getCoalescedEvents() : [];
    const t = Math.min(event.timeStamp, ...coalesced.map((e) => e.timeStamp));
    const rect = canvas.getBoundingClientRect();
    const scaleX = canvas.width / rect.width;
    const scaleY = canvas.height / rect.height;
    const x = Math.round((event.clientX - rect.left + options.leadPx) * scaleX);
    const y = Math.round((event.clientY - rect.top) * scaleY);
    current = {
      t,
      x,
      y,
      base: pixel(x, y),
      nextRenderMs: null,
      paintedMs: null,
      handlerMs: 0,
      coalesced: Math.max(1, coalesced.length),
      rendersSeen: 0,
      paintedAtRender: null,
    };
    all.push(current);
    open.push(current);
    // The pixel read above is the probe's own cost: start the handler clock after it.
    handlerStart = performance.now();
  };
  const onMoveDone = (): void => {
    if (current) current.handlerMs = performance.now() - handlerStart;
    current = null;
  };
  const onRendered = (): void => {
    renders++;
    const now = performance.now();
    let showedPaint = false;
    for (const move of open) {
      move.rendersSeen++;
      if (move.nextRenderMs === null) move.nextRenderMs = now - move.t;
      if (move.paintedMs === null) {
        const p = pixel(move.x, move.y);
        if (p.some((v, i) => Math.abs(v - (move.base[i] ?? 0)) > 6)) {
          move.paintedMs = now - move.t;
          move.paintedAtRender = move.rendersSeen;
          showedPaint = true;
        }
      }
    }
    if (showedPaint) paintRenders++;
    open = open.filter((move) => move.paintedMs === null);
  };
  // From when the pointerup is handled (not its timestamp): waiting behind a render is not
  // the statistics' cost.
  const onUp = (): void => {
    upAt = performance.now();
  };
  const statsTarget = options.statsSelector ? document.querySelector(options.statsSelector) : null;
  const observer = new MutationObserver(() => {
    if (upAt !== null && statsUpdateMs === null) statsUpdateMs = performance.now() - upAt;
  });
  if (statsTarget)
    observer.observe(statsTarget, { childList: true, characterData: true, subtree: true });

  host.addEventListener('pointermove', onMoveCapture, { capture: true });
  document.addEventListener('pointermove', onMoveDone);
  host.addEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered);
  window.addEventListener('pointerup', onUp, { capture: true });
  (window as unknown as Record<string, unknown>)['__benchLatency'] = (): LatencyRecord => {
    host.removeEventListener('pointermove', onMoveCapture, { capture: true });
    document.removeEventListener('pointermove', onMoveDone);
    host.removeEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered);
    window.removeEventListener('pointerup', onUp, { capture: true });
    observer.disconnect();
    return {
      moves: all.map(({ nextRenderMs, paintedMs, handlerMs, coalesced, paintedAtRender }) => ({
        nextRenderMs,
        paintedMs,
        handlerMs,
        coalesced,
        paintedAtRender,
      })),
      renders,
      paintRenders,
      statsUpdateMs,
    };
  };
}

export function collectLatency(): LatencyRecord {
  const take = (window as unknown as Record<string, unknown>)['__benchLatency'];
  if (typeof take !== 'function') throw new Error('latency probe not installed');
  return (take as () => LatencyRecord)();
}

export interface SwitchOptions {
  /** Button labels clicked in turn (each click must change the tool). */
  readonly labels: readonly string[];
  readonly rounds: number;
  /** The cornerstone viewport element, to count the renders a switch causes. */
  readonly viewportSelector: string;
}

export interface SwitchRecord {
  /** Per label: click → second requestAnimationFrame after it, ms. */
  readonly toSecondFrameMs: Record<string, number[]>;
  /** Per label: the synchronous part (button.click() returning), ms. */
  readonly syncMs: Record<string, number[]>;
  /** Per label: viewport renders (IMAGE_RENDERED) between the click and the second frame. */
  readonly renders: Record<string, number[]>;
  /** No click at all: now → second requestAnimationFrame (the frame floor), ms. */
  readonly floorMs: number[];
}

/** Clicks tool buttons in the page and times each switch to the second frame after it. */
export async function switchTools(options: SwitchOptions): Promise<SwitchRecord> {
  const twoFrames = (): Promise<void> =>
    new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  const host = document.querySelector(options.viewportSelector);
  let rendered = 0;
  const onRendered = (): void => {
    rendered++;
  };
  host?.addEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered);
  const buttons = options.labels.map((label) => {
    const button = Array.from(document.querySelectorAll('button')).find(
      (b) => b.textContent?.trim() === label,
    );
    if (!button) throw new Error(`no button "${label}"`);
    return button;
  });
  const toSecondFrameMs: Record<string, number[]> = {};
  const syncMs: Record<string, number[]> = {};
  const renders: Record<string, number[]> = {};
  const floorMs: number[] = [];
  for (const label of options.labels) {
    toSecondFrameMs[label] = [];
    syncMs[label] = [];
    renders[label] = [];
  }
  await twoFrames();
  for (let round = 0; round < options.rounds; round++) {
    const floorStart = performance.now();
    await twoFrames();
    floorMs.push(performance.now() - floorStart);
    for (let i = 0; i < buttons.length; i++) {
      const label = options.labels[i] ?? '';
      rendered = 0;
      const start = performance.now();
      buttons[i]?.click();
      syncMs[label]?.push(performance.now() - start);
      await twoFrames();
      toSecondFrameMs[label]?.push(performance.now() - start);
      renders[label]?.push(rendered);
    }
  }
  host?.removeEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered);
  return { toSecondFrameMs, syncMs, renders, floorMs };
}

export interface KeySwitchOptions {
  /** The cornerstone viewport element the next pointer event goes to. */
  readonly viewportSelector: string;
  /** Label of the button that shows the tool chosen (its aria-pressed turns "true"). */
  readonly buttonLabel: string;
}

/** One tool switch by a real key press, then a real press on the viewport. */
export interface KeySwitchRecord {
  /** keydown (its timeStamp: when Chromium received it) → the button's aria-pressed "true". */
  readonly pressedMs: number | null;
  /** keydown → the first animation frame after that change: the frame that shows it (a
   * render cornerstone scheduled earlier runs before it, in the same frame). */
  readonly pressedFrameMs: number | null;
  /** keydown → the next pointerdown dispatched to the page (its handlers run right then). */
  readonly pointerMs: number | null;
  /** That pointerdown's wait in the queue: dispatched − its timeStamp. */
  readonly pointerWaitMs: number | null;
  /** Viewport renders between the keydown and that pointerdown. */
  readonly renders: number;
}

/** Installs the listeners of one key switch; `collectKeySwitch` reads and removes them. */
export function installKeySwitchProbe(options: KeySwitchOptions): void {
  const host = document.querySelector(options.viewportSelector);
  const button = Array.from(document.querySelectorAll('button')).find(
    (b) => b.textContent?.trim() === options.buttonLabel,
  );
  if (!host || !button)
    throw new Error(`no ${options.viewportSelector} or "${options.buttonLabel}"`);
  let keyAt: number | null = null;
  let pressedAt: number | null = null;
  let frameAt: number | null = null;
  let pointerAt: number | null = null;
  let pointerWaitMs: number | null = null;
  let renders = 0;
  const onKey = (event: KeyboardEvent): void => {
    keyAt ??= event.timeStamp;
  };
  const onPointer = (event: PointerEvent): void => {
    if (keyAt === null || pointerAt !== null) return;
    pointerAt = performance.now();
    pointerWaitMs = pointerAt - event.timeStamp;
  };
  const onRendered = (): void => {
    if (keyAt !== null && pointerAt === null) renders++;
  };
  const observer = new MutationObserver(() => {
    if (pressedAt !== null || button.getAttribute('aria-pressed') !== 'true') return;
    pressedAt = performance.now();
    requestAnimationFrame(() => {
      frameAt = performance.now();
    });
  });
  observer.observe(button, { attributes: true, attributeFilter: ['aria-pressed'] });
  window.addEventListener('keydown', onKey, { capture: true });
  window.addEventListener('pointerdown', onPointer, { capture: true });
  host.addEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered);
  (window as unknown as Record<string, unknown>)['__benchKeySwitch'] = (): KeySwitchRecord => {
    observer.disconnect();
    window.removeEventListener('keydown', onKey, { capture: true });
    window.removeEventListener('pointerdown', onPointer, { capture: true });
    host.removeEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered);
    const since = (t: number | null): number | null =>
      t === null || keyAt === null ? null : t - keyAt;
    return {
      pressedMs: since(pressedAt),
      pressedFrameMs: since(frameAt),
      pointerMs: since(pointerAt),
      pointerWaitMs,
      renders,
    };
  };
}

export function collectKeySwitch(): KeySwitchRecord {
  const take = (window as unknown as Record<string, unknown>)['__benchKeySwitch'];
  if (typeof take !== 'function') throw new Error('key switch probe not installed');
  return (take as () => KeySwitchRecord)();
}

/** Resolves once the viewport has not rendered for `quietMs` (after a drag's renders). */
export function renderQuiet(options: { viewportSelector: string; quietMs: number }): Promise<void> {
  const host = document.querySelector(options.viewportSelector);
  return new Promise((resolve) => {
    let last = performance.now();
    const onRendered = (): void => {
      last = performance.now();
    };
    host?.addEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered);
    const check = (): void => {
      if (performance.now() - last < options.quietMs) {
        setTimeout(check, 50);
        return;
      }
      host?.removeEventListener('CORNERSTONE_IMAGE_RENDERED', onRendered);
      resolve();
    };
    setTimeout(check, 50);
  });
}
