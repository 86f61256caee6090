import type { VolumeView } from '../createVolumeView';

// One arrow press turns the view by 15° (Shift: 5°), as Slicer's 3D view keys do coarsely.
const KEY_STEP_RAD = (15 * Math.PI) / 180;
const FINE_KEY_STEP_RAD = (5 * Math.PI) / 180;
// A drag across 300 px turns the object by about 90°.
const DRAG_RAD_PER_PX = Math.PI / 2 / 300;

/**
 * Mouse and keyboard for the 3D view: drag (primary button) rotates, wheel zooms; with the
 * view focused, arrow keys rotate, + / − zoom and R or Home resets. Handled keys stop
 * there, so the viewer's global arrow keys (slice scrolling) do not also fire.
 */
export function attachOrbitControls(element: HTMLElement, view: VolumeView): () => void {
  let last: { x: number; y: number; id: number } | null = null;

  const onPointerDown = (event: PointerEvent): void => {
    if (event.button !== 0) return;
    element.focus();
    element.setPointerCapture(event.pointerId);
    last = { x: event.clientX, y: event.clientY, id: event.pointerId };
  };
  const onPointerMove = (event: PointerEvent): void => {
    if (!last || event.pointerId !== last.id) return;
    const dx = event.clientX - last.x;
    const dy = event.clientY - last.y;
    last = { ...last, x: event.clientX, y: event.clientY };
    // Screen y grows downwards: dragging up tips the object's front up.
    if (dx !== 0 || dy !== 0) view.orbit(dx * DRAG_RAD_PER_PX, -dy * DRAG_RAD_PER_PX);
  };
  const onPointerUp = (event: PointerEvent): void => {
    if (last && event.pointerId === last.id) last = null;
  };
  const onWheel = (event: WheelEvent): void => {
    event.preventDefault();
    view.zoom(Math.exp(-event.deltaY * 0.0015));
  };
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const step = event.shiftKey ? FINE_KEY_STEP_RAD : KEY_STEP_RAD;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => view.orbit(-step, 0),
      ArrowRight: () => view.orbit(step, 0),
      ArrowUp: () => view.orbit(0, step),
      ArrowDown: () => view.orbit(0, -step),
      '+': () => view.zoom(1.25),
      '=': () => view.zoom(1.25),
      '-': () => view.zoom(0.8),
      r: () => view.resetCamera(),
      R: () => view.resetCamera(),
      Home: () => view.resetCamera(),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    event.stopPropagation();
    action();
  };

  element.addEventListener('pointerdown', onPointerDown);
  element.addEventListener('pointermove', onPointerMove);
  element.addEventListener('pointerup', onPointerUp);
  element.addEventListener('pointercancel', onPointerUp);
  element.addEventListener('wheel', onWheel, { passive: false });
  element.addEventListener('keydown', onKeyDown);
  return () => {
    element.removeEventListener('pointerdown', onPointerDown);
    element.removeEventListener('pointermove', onPointerMove);
    element.removeEventListener('pointerup', onPointerUp);
    element.removeEventListener('pointercancel', onPointerUp);
    element.removeEventListener('wheel', onWheel);
    element.removeEventListener('keydown', onKeyDown);
  };
}
