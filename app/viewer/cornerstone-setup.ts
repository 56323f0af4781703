// Starts Cornerstone3D once per page: the rendering core, the tools and the DICOM image loader
// with its decoders in web workers. Browser only: it touches WebGL, workers and `window`.

import { init as initCore } from '@cornerstonejs/core';
import { init as initLoader } from '@cornerstonejs/dicom-image-loader';
import {
  AngleTool,
  ArrowAnnotateTool,
  EllipticalROITool,
  LabelTool,
  LengthTool,
  PanTool,
  StackScrollTool,
  WindowLevelTool,
  ZoomTool,
  addTool,
  init as initTools,
} from '@cornerstonejs/tools';

let started: Promise<void> | null = null;

/** Initializes Cornerstone3D, its tools and the wadors: image loader; later calls wait for it. */
export function ensureCornerstone(): Promise<void> {
  started ??= start();
  return started;
}

async function start() {
  initCore();
  initTools();

  // NOTE: decoding runs in workers; two cores on the reference machine, so one worker per two
  // cores, as the loader itself would pick, but never fewer than two so a large JPEG 2000 frame
  // does not hold up the slice the user is waiting for.
  const cores = typeof navigator === 'undefined' ? 2 : navigator.hardwareConcurrency || 2;
  initLoader({ maxWebWorkers: Math.max(2, Math.floor(cores / 2)) });

  for (const tool of [
    WindowLevelTool,
    PanTool,
    ZoomTool,
    StackScrollTool,
    LengthTool,
    AngleTool,
    EllipticalROITool,
    ArrowAnnotateTool,
    LabelTool,
  ]) {
    addTool(tool);
  }
}
