// TEST-ONLY: a read-only window.__archipelViewer so browser tests can read what a viewer shows
// (slice, VOI, annotations) without scraping pixels. Nothing in the app reads it.

import { annotation as annotationApi } from '@cornerstonejs/tools';

import type { AnnotationShape } from './annotation-geometry';
import { shapeOf } from './annotation-geometry';
import type { StackViewer } from './stack-viewer';

export interface ViewerDebugState {
  seriesInstanceUid: string | null;
  sliceIndex: number;
  numberOfSlices: number;
  voi: { windowCenter: number; windowWidth: number } | null;
  invert: boolean;
  parallelScale: number | null;
  /** Images of the stack in Cornerstone's cache. */
  loadedImages: number;
  /** Images of the stack whose retrieve or decode failed. */
  failedImages: number;
  annotations: AnnotationShape[];
  /** Whatever the page adds, e.g. the session's mode and leader. */
  extra?: Record<string, unknown>;
}

export interface ViewerDebugHook {
  ready: boolean;
  getState(): ViewerDebugState | null;
}

declare global {
  interface Window {
    /** TEST-ONLY: see app/viewer/debug-hook.ts. */
    __archipelViewer?: ViewerDebugHook;
  }
}

/**
 * Publishes the viewer on window.__archipelViewer; `ready` turns true once an image is on
 * screen. Returns the function that removes it.
 */
export function installViewerDebugHook(
  viewer: StackViewer,
  extra: () => Record<string, unknown> = () => ({}),
): () => void {
  const hook: ViewerDebugHook = {
    get ready() {
      return viewer.getView() !== null;
    },
    getState() {
      const view = viewer.getView();
      const status = viewer.status();
      return {
        seriesInstanceUid: status.seriesInstanceUid,
        sliceIndex: status.sliceIndex,
        numberOfSlices: status.numberOfSlices,
        voi: view?.voi ?? null,
        invert: status.invert,
        parallelScale: view?.camera.parallelScale ?? null,
        loadedImages: status.prefetch?.loaded ?? 0,
        failedImages: status.prefetch?.failed ?? 0,
        annotations: annotationApi.state
          .getAllAnnotations()
          .map((a) => shapeOf(a, viewer))
          .filter((a): a is AnnotationShape => a !== undefined),
        extra: extra(),
      };
    },
  };
  window.__archipelViewer = hook;
  return () => {
    if (window.__archipelViewer === hook) delete window.__archipelViewer;
  };
}
