import { init as initCore, getShouldUseCPURendering } from '@cornerstonejs/core';
import {
  init as initTools,
  addTool,
  WindowLevelTool,
  PanTool,
  ZoomTool,
  StackScrollTool,
  CrosshairsTool,
} from '@cornerstonejs/tools';
import { registerLocalImageMetadataProvider } from './localImageMetadata';

let initialised: { cpuFallback: boolean } | null = null;

/**
 * Initialises cornerstone once per page. React StrictMode mounts effects twice, so this
 * must be idempotent (platform notes).
 */
export function initCornerstone(): { cpuFallback: boolean } {
  if (initialised) return initialised;
  initCore();
  initTools();
  for (const tool of [WindowLevelTool, PanTool, ZoomTool, StackScrollTool, CrosshairsTool]) {
    addTool(tool);
  }
  registerLocalImageMetadataProvider();
  // Without WebGL cornerstone silently falls back to CPU rendering; surface that, since the
  // brush and MPR then fail (platform notes).
  initialised = { cpuFallback: getShouldUseCPURendering() };
  return initialised;
}
