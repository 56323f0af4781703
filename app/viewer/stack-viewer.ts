// One StackViewport on one element, with its rendering engine and tool group: the viewer's
// imperative core, which the React components and the session sync drive.

import {
  Enums,
  RenderingEngine,
  utilities,
  type StackViewport,
  type Types,
} from '@cornerstonejs/core';
import { ToolGroupManager, type Types as ToolTypes } from '@cornerstonejs/tools';

import type { ViewState } from '@/server/realtime/session/protocol';
import type { Locale } from '@/app/i18n/messages';
import { sessionMessages } from '@/app/i18n/session-messages';
import { loadSeriesStack, type SeriesStack } from './dicomweb-series';
import { prefetchStack, type PrefetchProgress } from './stack-prefetch';
import {
  createViewerToolGroup,
  setPrimaryTool,
  type LabelledTool,
  type PrimaryTool,
} from './viewer-tools';
import { WINDOW_PRESETS, findPreset } from './window-presets';

const { windowLevel, worldToImageCoords, imageToWorldCoords } = utilities;

/** What the viewer's own controls show: a subset of the view plus the loading state. */
export interface StackViewerStatus {
  seriesInstanceUid: string | null;
  sliceIndex: number;
  numberOfSlices: number;
  windowCenter: number | null;
  windowWidth: number | null;
  presetName: string | null;
  invert: boolean;
  primaryTool: PrimaryTool;
  prefetch: PrefetchProgress | null;
  /** An arrow or text annotation waits for the label the reader types. */
  labelRequest: { id: number; tool: LabelledTool; initial: string } | null;
}

interface LabelRequest {
  id: number;
  tool: LabelledTool;
  initial: string;
  done: (label: string | null) => void;
}

type Listener = () => void;

let instances = 0;
let labelRequests = 0;

export class StackViewer {
  readonly element: HTMLDivElement;
  readonly studyInstanceUid: string;
  readonly #renderingEngine: RenderingEngine;
  readonly #viewportId: string;
  readonly #toolGroup: ToolTypes.IToolGroup;
  readonly #listeners = new Set<Listener>();
  #stack: SeriesStack | null = null;
  #primaryTool: PrimaryTool = 'windowLevel';
  #prefetch: PrefetchProgress | null = null;
  #stopPrefetch: (() => void) | null = null;
  #opening: Promise<void> | null = null;
  #openingSeries: string | null = null;
  #labelRequest: LabelRequest | null = null;
  #locale: Locale;
  #destroyed = false;

  constructor(element: HTMLDivElement, studyInstanceUid: string, locale: Locale) {
    const id = `archipel-${++instances}`;
    this.element = element;
    this.studyInstanceUid = studyInstanceUid;
    this.#locale = locale;
    this.#viewportId = `${id}-viewport`;
    this.#renderingEngine = new RenderingEngine(`${id}-engine`);
    this.#renderingEngine.enableElement({
      viewportId: this.#viewportId,
      type: Enums.ViewportType.STACK,
      element,
      defaultOptions: { background: [0, 0, 0] as Types.Point3 },
    });
    this.#toolGroup = createViewerToolGroup(`${id}-tools`, this.#viewportId, this.engineId, {
      askLabel: (tool, initial, done) =>
        this.#askLabel({ id: ++labelRequests, tool, initial, done }),
      wording: () => ({ locale: this.#locale, t: sessionMessages[this.#locale].viewer.measure }),
    });

    for (const event of VIEW_EVENTS) element.addEventListener(event, this.#notify);
  }

  get viewport(): StackViewport {
    return this.#renderingEngine.getViewport(this.#viewportId) as StackViewport;
  }

  get viewportId() {
    return this.#viewportId;
  }

  get engineId() {
    return this.#renderingEngine.id;
  }

  get stack() {
    return this.#stack;
  }

  /** The language of the text drawn beside measurements. */
  setLocale(locale: Locale) {
    if (locale === this.#locale) return;
    this.#locale = locale;
    if (this.#stack) this.viewport.render();
  }

  /**
   * Gives the label the reader typed to the annotation waiting for it; null gives up (a new
   * annotation is then removed, an edited one keeps its label).
   */
  answerLabel(label: string | null) {
    const request = this.#labelRequest;
    if (!request) return;
    this.#labelRequest = null;
    this.#notify();
    request.done(label?.trim() || null);
  }

  #askLabel(request: LabelRequest) {
    // One question at a time: a second annotation drawn meanwhile gives up the first.
    this.#labelRequest?.done(null);
    this.#labelRequest = request;
    this.#notify();
  }

  /** Called after anything the status shows changed: slice, VOI, camera, loading. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Shows a series of the study at `sliceIndex` (the middle slice by default). That slice is
   * fetched first; the rest of the series follows in the background, nearest slices first.
   */
  async openSeries(seriesInstanceUid: string, sliceIndex?: number): Promise<void> {
    // A second call for the series being opened waits for the first instead of racing it.
    if (this.#openingSeries !== seriesInstanceUid || !this.#opening) {
      this.#openingSeries = seriesInstanceUid;
      this.#opening = this.#open(seriesInstanceUid, sliceIndex).catch((error: unknown) => {
        if (this.#openingSeries === seriesInstanceUid) this.#opening = null;
        throw error;
      });
      await this.#opening;
      return;
    }
    await this.#opening;
    if (sliceIndex !== undefined) await this.scrollTo(sliceIndex);
  }

  async #open(seriesInstanceUid: string, sliceIndex?: number) {
    const stack = await loadSeriesStack(this.studyInstanceUid, seriesInstanceUid);
    if (this.#destroyed || this.#openingSeries !== seriesInstanceUid) return;
    const index = clampIndex(sliceIndex ?? Math.floor(stack.imageIds.length / 2), stack);

    this.#stopPrefetch?.();
    this.#prefetch = null;
    this.#stack = stack;
    await this.viewport.setStack(stack.imageIds, index);
    if (this.#destroyed || this.#openingSeries !== seriesInstanceUid) return;
    if (this.viewport.getImageData()?.metadata?.Modality === 'CT') this.setPreset('brain');
    this.viewport.render();

    this.#stopPrefetch = prefetchStack(
      stack.imageIds,
      () => this.viewport.getCurrentImageIdIndex(),
      (progress) => {
        this.#prefetch = progress;
        this.#notify();
      },
    );
    this.#notify();
  }

  async scrollTo(sliceIndex: number) {
    if (!this.#stack) return;
    const index = clampIndex(sliceIndex, this.#stack);
    if (index !== this.viewport.getCurrentImageIdIndex()) {
      await this.viewport.setImageIdIndex(index);
    }
  }

  scrollBy(delta: number) {
    return this.scrollTo(this.viewport.getCurrentImageIdIndex() + delta);
  }

  setVoi(windowCenter: number, windowWidth: number) {
    this.viewport.setProperties({
      voiRange: windowLevel.toLowHighRange(windowWidth, windowCenter),
    });
    this.viewport.render();
  }

  setPreset(name: string) {
    const preset = findPreset(name);
    if (!preset) throw new Error(`No window preset named ${name}`);
    this.setVoi(preset.windowCenter, preset.windowWidth);
  }

  toggleInvert() {
    this.viewport.setProperties({ invert: !this.viewport.getProperties().invert });
    this.viewport.render();
  }

  /** Back to the whole image centred, unzoomed, with the series' initial VOI. */
  reset() {
    this.viewport.resetCamera();
    this.viewport.resetProperties();
    if (this.viewport.getImageData()?.metadata?.Modality === 'CT') this.setPreset('brain');
    this.viewport.render();
  }

  setPrimaryTool(tool: PrimaryTool) {
    setPrimaryTool(this.#toolGroup, tool);
    this.#primaryTool = tool;
    this.#notify();
  }

  /** The view as the session protocol carries it; null until an image is on screen. */
  getView(): ViewState | null {
    const stack = this.#stack;
    const { voiRange, invert } = this.viewport.getProperties();
    if (!stack || !voiRange || !this.viewport.getImageData()) return null;

    const { windowCenter, windowWidth } = windowLevel.toWindowLevel(voiRange.lower, voiRange.upper);
    const camera = this.viewport.getCamera();
    return {
      seriesInstanceUid: stack.seriesInstanceUid,
      sliceIndex: this.viewport.getCurrentImageIdIndex(),
      voi: { windowCenter, windowWidth },
      camera: {
        parallelScale: camera.parallelScale!,
        focalPoint: [...camera.focalPoint!] as Types.Point3,
        position: [...camera.position!] as Types.Point3,
        viewUp: [...camera.viewUp!] as Types.Point3,
        flip: {
          horizontal: camera.flipHorizontal ?? false,
          vertical: camera.flipVertical ?? false,
        },
      },
      invert: invert ?? false,
      presetName: presetOf(windowCenter, windowWidth),
    };
  }

  /**
   * Shows another viewer's view: series, slice, VOI and camera. The camera's parallel scale is
   * half the viewport's height in millimetres, so a viewer of another shape sees the same
   * anatomy height, more or less of it sideways.
   */
  async applyView(view: ViewState) {
    await this.openSeries(view.seriesInstanceUid, view.sliceIndex);
    if (this.#destroyed) return;
    await this.scrollTo(view.sliceIndex);

    const { windowCenter, windowWidth } = view.voi;
    this.viewport.setProperties({
      voiRange: windowLevel.toLowHighRange(windowWidth, windowCenter),
      invert: view.invert ?? false,
    });
    this.viewport.setCamera({
      parallelScale: view.camera.parallelScale,
      focalPoint: view.camera.focalPoint,
      position: view.camera.position,
      viewUp: view.camera.viewUp,
      flipHorizontal: view.camera.flip?.horizontal,
      flipVertical: view.camera.flip?.vertical,
    });
    this.viewport.render();
  }

  status(): StackViewerStatus {
    const view = this.#stack ? this.getView() : null;
    return {
      seriesInstanceUid: this.#stack?.seriesInstanceUid ?? null,
      sliceIndex: view?.sliceIndex ?? 0,
      numberOfSlices: this.#stack?.imageIds.length ?? 0,
      windowCenter: view?.voi.windowCenter ?? null,
      windowWidth: view?.voi.windowWidth ?? null,
      presetName: view?.presetName ?? null,
      invert: view?.invert ?? false,
      primaryTool: this.#primaryTool,
      prefetch: this.#prefetch,
      labelRequest: this.#labelRequest && {
        id: this.#labelRequest.id,
        tool: this.#labelRequest.tool,
        initial: this.#labelRequest.initial,
      },
    };
  }

  /** The image on screen: its imageId, SOP Instance UID and frame number. */
  currentImage() {
    const stack = this.#stack;
    if (!stack) return null;
    const index = this.viewport.getCurrentImageIdIndex();
    return { imageId: stack.imageIds[index], ...stack.frames[index] };
  }

  imageIdOf(sopInstanceUid: string, frame = 1): string | undefined {
    const stack = this.#stack;
    const index = stack?.frames.findIndex(
      (f) => f.sopInstanceUid === sopInstanceUid && f.frame === frame,
    );
    return index === undefined || index < 0 ? undefined : stack!.imageIds[index];
  }

  /**
   * A point of the canvas (CSS pixels from its top left) → [column, row] of the image on
   * screen, or null when it falls off the image.
   */
  canvasToImage(canvasPoint: Types.Point2): Types.Point2 | null {
    const image = this.currentImage();
    const data = this.viewport.getImageData();
    if (!image || !data) return null;
    const imagePoint = worldToImageCoords(image.imageId, this.viewport.canvasToWorld(canvasPoint));
    if (!imagePoint) return null;
    const [columns, rows] = data.dimensions;
    const [x, y] = imagePoint;
    return x < 0 || y < 0 || x > columns || y > rows ? null : imagePoint;
  }

  /** [column, row] of an image of the stack → canvas point, or null if it is not on screen. */
  imageToCanvas(imageId: string, imagePoint: Types.Point2): Types.Point2 | null {
    const world = imageToWorldCoords(imageId, imagePoint);
    return world ? this.viewport.worldToCanvas(world) : null;
  }

  resize() {
    this.#renderingEngine.resize(true, true);
  }

  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#labelRequest = null;
    this.#stopPrefetch?.();
    for (const event of VIEW_EVENTS) this.element.removeEventListener(event, this.#notify);
    this.#listeners.clear();
    ToolGroupManager.destroyToolGroup(this.#toolGroup.id);
    this.#renderingEngine.destroy();
  }

  #notify = () => {
    for (const listener of this.#listeners) listener();
  };
}

/** Viewport events after which the view (slice, VOI, camera) may differ. */
export const VIEW_EVENTS = [
  Enums.Events.STACK_NEW_IMAGE,
  Enums.Events.VOI_MODIFIED,
  Enums.Events.CAMERA_MODIFIED,
] as const;

const clampIndex = (index: number, stack: SeriesStack) =>
  Math.min(Math.max(0, Math.round(index)), stack.imageIds.length - 1);

const presetOf = (windowCenter: number, windowWidth: number) =>
  WINDOW_PRESETS.find(
    (p) =>
      Math.abs(p.windowCenter - windowCenter) < 0.5 && Math.abs(p.windowWidth - windowWidth) < 0.5,
  )?.name;
