/**
 * Peer page for bench/editor.bench.ts: cornerstone3D 5.14's own segmentation tools on the same
 * 512×512×300 CT as the app. Only public cornerstone APIs build the scene (local images → volume
 * → ORTHOGRAPHIC viewport → derived labelmap → labelmap representation → BrushTool); the
 * timing hooks on `window.__peer` wrap the BrushTool instance's methods, nothing is patched
 * inside cornerstone.
 */
import {
  Enums,
  RenderingEngine,
  cache,
  eventTarget,
  getEnabledElement,
  getShouldUseCPURendering,
  imageLoader,
  init as initCore,
  metaData,
  setVolumesForViewports,
  utilities as csUtils,
  volumeLoader,
  type Types,
} from '@cornerstonejs/core';
import {
  BrushTool,
  Enums as ToolEnums,
  PanTool,
  ToolGroupManager,
  WindowLevelTool,
  addTool,
  init as initTools,
  segmentation,
  utilities as toolUtilities,
} from '@cornerstonejs/tools';

/** What the bench writes next to the raw Int16 voxels (/peer-data/ct.raw). */
interface CtHeader {
  dimensions: [number, number, number];
  spacing: [number, number, number];
  direction: number[];
  slicePositions: Array<[number, number, number]>;
  window: { center: number; width: number };
  frameOfReferenceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
}

type Strategy = 'FILL_INSIDE_SPHERE' | 'FILL_INSIDE_CIRCLE';

/** BrushTool members used by the stamp timer. `getOperationData` and `updateCursor` are
 * `protected` in the .d.ts: the stamp timer calls them as BrushTool's own click handler does. */
interface BrushInternals {
  configuration: { activeStrategy: string; brushSize: number };
  applyActiveStrategy(enabledElement: Types.IEnabledElement, operationData: unknown): unknown;
  getOperationData(element: HTMLDivElement): unknown;
  updateCursor(evt: unknown): void;
  doneEditMemo(): void;
  /** BrushTool's MOUSE_DRAG listener (an instance field, private by convention). */
  _dragCallback: (evt: unknown) => void;
}

const ENGINE_ID = 'peer-engine';
const VIEWPORT_ID = 'peer';
const TOOL_GROUP_ID = 'peer-tools';
const VOLUME_ID = 'peerCtVolume';
const SEGMENTATION_ID = 'peerSeg';
const IMAGE_PREFIX = 'peerct:';

const params = new URLSearchParams(window.location.search);
const element = document.getElementById('viewport') as HTMLDivElement;
element.style.width = `${Number(params.get('w') ?? 900)}px`;
element.style.height = `${Number(params.get('h') ?? 800)}px`;
const status = document.getElementById('status') as HTMLSpanElement;

let ready = false;
let failure: string | null = null;
/** Per BrushTool.applyActiveStrategy call during real strokes: total ms, and the part spent in
 * synchronous SEGMENTATION_DATA_MODIFIED listeners (cornerstone's texture/render update). */
const fillLog: Array<{ strategyMs: number; listenersMs: number }> = [];
/** Per MOUSE_DRAG handled by BrushTool during real strokes: its whole drag handler, ms. */
const dragLog: number[] = [];
let listenersStart = 0;
let listenersMs = 0;

function provideMetadata(header: CtHeader) {
  const [columns, rows] = header.dimensions;
  const d = header.direction;
  return (type: string, imageId: string): unknown => {
    if (typeof imageId !== 'string' || !imageId.startsWith(IMAGE_PREFIX)) return undefined;
    const index = Number(imageId.slice(IMAGE_PREFIX.length));
    const position = header.slicePositions[index] ?? [0, 0, 0];
    switch (type) {
      case 'imagePlaneModule':
        return {
          frameOfReferenceUID: header.frameOfReferenceUid,
          rows,
          columns,
          imageOrientationPatient: d.slice(0, 6),
          rowCosines: d.slice(0, 3),
          columnCosines: d.slice(3, 6),
          imagePositionPatient: [...position],
          pixelSpacing: [header.spacing[1], header.spacing[0]],
          rowPixelSpacing: header.spacing[1],
          columnPixelSpacing: header.spacing[0],
          sliceThickness: header.spacing[2],
          usingDefaultValues: false,
        };
      case 'imagePixelModule':
        return {
          samplesPerPixel: 1,
          photometricInterpretation: 'MONOCHROME2',
          rows,
          columns,
          bitsAllocated: 16,
          bitsStored: 16,
          highBit: 15,
          pixelRepresentation: 1,
        };
      case 'generalSeriesModule':
        return {
          modality: 'CT',
          seriesInstanceUID: header.seriesInstanceUid,
          studyInstanceUID: header.studyInstanceUid,
        };
      case 'modalityLutModule':
        return { rescaleSlope: 1, rescaleIntercept: 0, rescaleType: 'HU' };
      case 'voiLutModule':
        return { windowCenter: [header.window.center], windowWidth: [header.window.width] };
      case 'generalImageModule':
        return { instanceNumber: index + 1 };
      default:
        return undefined;
    }
  };
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url, { cache: 'no-store' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function main(): Promise<void> {
  initCore();
  // Registered before the tools' own listener, so it runs first: marks the start of the
  // synchronous SEGMENTATION_DATA_MODIFIED work a fill triggers.
  eventTarget.addEventListener(ToolEnums.Events.SEGMENTATION_DATA_MODIFIED, () => {
    listenersStart = performance.now();
  });
  initTools();
  eventTarget.addEventListener(ToolEnums.Events.SEGMENTATION_DATA_MODIFIED, () => {
    listenersMs += performance.now() - listenersStart;
  });
  addTool(WindowLevelTool);
  addTool(PanTool);
  addTool(BrushTool);

  const header = (await (await fetchOk('/peer-data/ct.json')).json()) as CtHeader;
  const voxels = new Int16Array(await (await fetchOk('/peer-data/ct.raw')).arrayBuffer());
  metaData.addProvider(provideMetadata(header), 10_000);

  // The CT as cached local images over views of one buffer, assembled into a volume (no copy).
  const [columns, rows, slices] = header.dimensions;
  const sliceLength = columns * rows;
  const imageIds: string[] = [];
  for (let k = 0; k < slices; k++) {
    const imageId = `${IMAGE_PREFIX}${k}`;
    imageIds.push(imageId);
    const position = header.slicePositions[k] ?? [0, 0, 0];
    const image = imageLoader.createAndCacheLocalImage(imageId, {
      scalarData: voxels.subarray(k * sliceLength, (k + 1) * sliceLength),
      dimensions: [columns, rows],
      spacing: [header.spacing[0], header.spacing[1]],
      origin: [position[0], position[1], position[2]],
      direction: [...header.direction] as Types.Mat3,
      frameOfReferenceUID: header.frameOfReferenceUid,
      targetBuffer: { type: 'Int16Array' },
    });
    image.windowCenter = header.window.center;
    image.windowWidth = header.window.width;
  }
  const volume = volumeLoader.createAndCacheVolumeFromImagesSync(VOLUME_ID, imageIds);
  volume.invalidate();

  const engine = new RenderingEngine(ENGINE_ID);
  engine.enableElement({
    viewportId: VIEWPORT_ID,
    type: Enums.ViewportType.ORTHOGRAPHIC,
    element,
    defaultOptions: { orientation: Enums.OrientationAxis.AXIAL, background: [0, 0, 0] },
  });
  const toolGroup = ToolGroupManager.createToolGroup(TOOL_GROUP_ID);
  if (!toolGroup) throw new Error('no tool group');
  toolGroup.addTool(WindowLevelTool.toolName);
  toolGroup.addTool(PanTool.toolName);
  toolGroup.addTool(BrushTool.toolName, {
    activeStrategy: 'FILL_INSIDE_CIRCLE',
    brushSize: 10,
  });
  toolGroup.addViewport(VIEWPORT_ID, ENGINE_ID);
  const primary = { bindings: [{ mouseButton: ToolEnums.MouseBindings.Primary }] };
  toolGroup.setToolActive(WindowLevelTool.toolName, primary);

  await setVolumesForViewports(engine, [{ volumeId: VOLUME_ID }], [VIEWPORT_ID]);
  const viewport = engine.getViewport(VIEWPORT_ID) as Types.IVolumeViewport;
  viewport.setProperties({
    voiRange: csUtils.windowLevel.toLowHighRange(header.window.width, header.window.center),
  });

  volumeLoader.createAndCacheDerivedLabelmapVolume(VOLUME_ID, { volumeId: SEGMENTATION_ID });
  segmentation.addSegmentations([
    {
      segmentationId: SEGMENTATION_ID,
      representation: {
        type: ToolEnums.SegmentationRepresentations.Labelmap,
        data: { volumeId: SEGMENTATION_ID },
      },
    },
  ]);
  await segmentation.addLabelmapRepresentationToViewport(VIEWPORT_ID, [
    { segmentationId: SEGMENTATION_ID },
  ]);
  segmentation.segmentIndex.setActiveSegmentIndex(SEGMENTATION_ID, 1);
  viewport.render();

  const brush = toolGroup.getToolInstance(BrushTool.toolName) as BrushInternals;
  const applyActiveStrategy = brush.applyActiveStrategy.bind(brush);
  let logging = true;
  brush.applyActiveStrategy = (enabledElement, operationData) => {
    listenersMs = 0;
    const start = performance.now();
    const result = applyActiveStrategy(enabledElement, operationData);
    if (logging) fillLog.push({ strategyMs: performance.now() - start, listenersMs });
    return result;
  };

  // BrushTool adds this field as its MOUSE_DRAG listener on mouse down: a wrapper there times
  // the whole per-move work (cursor, hover data, strategy) — the peer of our pointermove handler.
  const dragCallback = brush._dragCallback;
  brush._dragCallback = (evt) => {
    const start = performance.now();
    dragCallback(evt);
    dragLog.push(performance.now() - start);
  };

  // Tool buttons and hotkeys: the usual switch (OHIF does the same): old primary tool
  // passive, new active; the pressed state is shown on the buttons (aria-pressed).
  const buttons = [...document.querySelectorAll<HTMLButtonElement>('button[data-tool]')];
  const showPressed = (name: string): void => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset['tool'] === name));
  };
  const selectTool = (name: string): void => {
    const current = toolGroup.getActivePrimaryMouseButtonTool();
    if (current === name) return;
    if (current) toolGroup.setToolPassive(current);
    toolGroup.setToolActive(name, primary);
    showPressed(name);
  };
  showPressed(WindowLevelTool.toolName);
  for (const button of buttons)
    button.addEventListener('click', () => selectTool(button.dataset['tool'] ?? ''));
  const hotkeys: Record<string, string> = {
    b: BrushTool.toolName,
    w: WindowLevelTool.toolName,
    p: PanTool.toolName,
  };
  window.addEventListener('keydown', (event) => {
    const name = hotkeys[event.key.toLowerCase()];
    if (name) selectTool(name);
  });

  const setBrush = (strategy: Strategy, radiusMm: number): void => {
    brush.configuration.activeStrategy = strategy;
    brush.configuration.brushSize = radiusMm;
    toolUtilities.segmentation.setBrushSizeForToolGroup(TOOL_GROUP_ID, radiusMm);
  };

  /** Moves the view plane along its normal so it contains `world` (like the app's jumpToWorld). */
  const jumpToWorld = (world: Types.Point3): void => {
    const camera = viewport.getCamera();
    const normal = camera.viewPlaneNormal ?? [0, 0, 1];
    const focal = camera.focalPoint ?? [0, 0, 0];
    const position = camera.position ?? [0, 0, 0];
    const d =
      (world[0] - focal[0]) * normal[0] +
      (world[1] - focal[1]) * normal[1] +
      (world[2] - focal[2]) * normal[2];
    const shift = (p: Types.Point3): Types.Point3 => [
      p[0] + normal[0] * d,
      p[1] + normal[1] * d,
      p[2] + normal[2] * d,
    ];
    viewport.setCamera({ focalPoint: shift(focal), position: shift(position) });
  };

  /** Non-zero labelmap voxels (untimed sanity check). */
  const labelledVoxels = (): number => {
    const labelmap = cache.getVolume(SEGMENTATION_ID);
    const data = labelmap?.voxelManager?.getCompleteScalarDataArray?.() as
      ArrayLike<number> | undefined;
    let count = 0;
    if (data) for (let i = 0; i < data.length; i++) if (data[i] !== 0) count++;
    return count;
  };

  const hooks = {
    ready: () => ready,
    failure: () => failure,
    cpuFallback: getShouldUseCPURendering(),
    setBrush,
    activeTool: () => toolGroup.getActivePrimaryMouseButtonTool() ?? null,
    /** What a drag of each tool changes: window, camera, labelled voxels (untimed checks). */
    viewState() {
      const camera = viewport.getCamera();
      const voi = viewport.getProperties()?.voiRange;
      return {
        window: voi ? `${voi.lower.toFixed(1)},${voi.upper.toFixed(1)}` : '',
        centre: [...(camera.focalPoint ?? [0, 0, 0])],
        scale: camera.parallelScale ?? 0,
        voxels: labelledVoxels(),
      };
    },
    /** One plain re-render of the viewport (the bench times it to IMAGE_RENDERED). */
    render: () => viewport.render(),
    /** Canvas size of the viewport and millimetres per canvas pixel along x. */
    geometry(): { mmPerPixel: number; canvasWidth: number; canvasHeight: number } {
      const a = viewport.canvasToWorld([0, 0]);
      const b = viewport.canvasToWorld([100, 0]);
      return {
        mmPerPixel: Math.hypot(b[0] - a[0], b[1] - a[1], b[2] - a[2]) / 100,
        canvasWidth: element.clientWidth,
        canvasHeight: element.clientHeight,
      };
    },
    /**
     * CPU of single brush stamps at the same seeded pseudo-random voxel indices as the app's
     * benchStrokeCpu: the view plane is moved to the stamp's slice (untimed), then BrushTool's
     * own click path is timed: getOperationData → applyActiveStrategy → doneEditMemo (the
     * undo memo). The stamps are undone afterwards.
     */
    stampCpu(options: { radiusMm: number; sphere: boolean; samples: number }) {
      setBrush(options.sphere ? 'FILL_INSIDE_SPHERE' : 'FILL_INSIDE_CIRCLE', options.radiusMm);
      const enabledElement = getEnabledElement(element);
      if (!enabledElement) throw new Error('viewport element not enabled');
      const [nx, ny, nz] = header.dimensions;
      let seed = 12345;
      const random = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
      const history = csUtils.HistoryMemo.DefaultHistoryMemo;
      history.size = Math.max(history.size, options.samples + 10);
      const totalMs: number[] = [];
      const strategyMs: number[] = [];
      const listenerMs: number[] = [];
      logging = false;
      try {
        for (let n = 0; n < options.samples; n++) {
          const index: Types.Point3 = [random() * nx, random() * ny, random() * nz];
          const world = csUtils.transformIndexToWorld(volume.imageData, index);
          jumpToWorld(world);
          const canvas = viewport.worldToCanvas(world);
          brush.updateCursor({ detail: { element, currentPoints: { canvas } } });
          listenersMs = 0;
          const start = performance.now();
          const operationData = brush.getOperationData(element);
          const strategyStart = performance.now();
          applyActiveStrategy(enabledElement, operationData);
          strategyMs.push(performance.now() - strategyStart);
          brush.doneEditMemo();
          totalMs.push(performance.now() - start);
          listenerMs.push(listenersMs);
        }
      } finally {
        logging = true;
      }
      history.undo(options.samples);
      viewport.resetCamera();
      viewport.render();
      return { totalMs, strategyMs, listenerMs, labelledAfterUndo: labelledVoxels() };
    },
    /** Returns and clears the per-call log of applyActiveStrategy during real strokes. */
    takeFillLog() {
      return { fills: fillLog.splice(0, fillLog.length), drags: dragLog.splice(0, dragLog.length) };
    },
    labelledVoxels,
    /** Cornerstone's segment statistics (volume, mean…): a full pass, partly in a worker. */
    async statistics(): Promise<{ ms: number; ok: boolean; detail: string }> {
      const start = performance.now();
      try {
        const stats = (await toolUtilities.segmentation.getStatistics({
          segmentationId: SEGMENTATION_ID,
          segmentIndices: [1],
        })) as unknown;
        const ms = performance.now() - start;
        return { ms, ok: stats !== undefined, detail: JSON.stringify(stats)?.slice(0, 300) ?? '' };
      } catch (error) {
        return { ms: performance.now() - start, ok: false, detail: String(error) };
      }
    },
  };
  Object.assign(window, { __peer: hooks });
  ready = true;
  status.textContent = 'ready';
}

main().catch((error: unknown) => {
  failure = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
  status.textContent = `failed: ${failure}`;
  console.error(failure);
});
