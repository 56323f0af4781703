import type { RenderingAttributes } from '../wado-metadata-cache.js';
import type { FrameGeometry } from './frame-codecs.js';
import { linearVoi, RenderParameterError, type Window } from './voi.js';

export interface RenderSource extends FrameGeometry {
  bitsStored: number;
  photometricInterpretation: string;
  planarConfiguration: number;
  /** Native little endian samples of one frame (decoded first if it was compressed). */
  pixels: Uint8Array;
}

/** An 8-bit image for a consumer display: RGBA, since both encoders take that. */
export interface RenderedImage {
  width: number;
  height: number;
  rgba: Uint8Array;
  grey: boolean;
}

const COLOUR = new Set(['RGB', 'YBR_FULL', 'YBR_RCT', 'YBR_ICT']);

/**
 * Turns one frame into display values: rescale slope/intercept to modality values, then the
 * VOI window (the request's, else the file's first WindowCenter/Width, else the frame's own
 * range), then MONOCHROME1 inversion. Colour frames are passed through as RGB.
 *
 * Limitation: Palette Color, YBR_FULL_422 native frames, 1-bit and float pixels are not
 * rendered (406); a VOI LUT Sequence and Presentation States are ignored.
 *
 * @throws RenderParameterError naming what cannot be rendered.
 */
export function renderFrame(
  source: RenderSource,
  attributes: RenderingAttributes,
  window?: Window,
): RenderedImage {
  const { rows, columns } = source;
  const rgba = new Uint8Array(rows * columns * 4);

  if (source.samplesPerPixel === 3 && COLOUR.has(source.photometricInterpretation)) {
    if (source.bitsAllocated !== 8) {
      throw new RenderParameterError('Only 8-bit colour frames can be rendered');
    }
    const planar = source.planarConfiguration === 1;
    const plane = rows * columns;
    for (let p = 0; p < plane; p += 1) {
      for (let c = 0; c < 3; c += 1) {
        rgba[p * 4 + c] = source.pixels[planar ? c * plane + p : p * 3 + c]!;
      }
      rgba[p * 4 + 3] = 255;
    }
    if (source.photometricInterpretation === 'YBR_FULL') ybrToRgb(rgba);
    return { width: columns, height: rows, rgba, grey: false };
  }

  const monochrome = source.photometricInterpretation.startsWith('MONOCHROME');
  if (!monochrome || source.samplesPerPixel !== 1) {
    throw new RenderParameterError(
      `Photometric interpretation ${source.photometricInterpretation} cannot be rendered`,
    );
  }
  const values = modalityValues(source, attributes);
  const voi = window ?? fileWindow(attributes) ?? rangeWindow(values);
  const invert = source.photometricInterpretation === 'MONOCHROME1';
  for (let p = 0; p < values.length; p += 1) {
    const grey = linearVoi(values[p]!, voi);
    const shown = invert ? 255 - grey : grey;
    rgba[p * 4] = shown;
    rgba[p * 4 + 1] = shown;
    rgba[p * 4 + 2] = shown;
    rgba[p * 4 + 3] = 255;
  }
  return { width: columns, height: rows, rgba, grey: true };
}

/** Stored values, masked to BitsStored and sign-extended, times slope plus intercept. */
function modalityValues(source: RenderSource, attributes: RenderingAttributes): Float32Array {
  const { bitsAllocated, bitsStored, pixelRepresentation, pixels } = source;
  if (bitsAllocated !== 8 && bitsAllocated !== 16 && bitsAllocated !== 32) {
    throw new RenderParameterError(`Frames of ${bitsAllocated} bits allocated cannot be rendered`);
  }
  const count = source.rows * source.columns;
  const view = new DataView(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  const width = bitsAllocated / 8;
  if (pixels.length < count * width) {
    throw new RenderParameterError(`The frame holds ${pixels.length} bytes, too few to render`);
  }
  const slope = attributes.rescaleSlope ?? 1;
  const intercept = attributes.rescaleIntercept ?? 0;
  const stored = Math.min(bitsStored || bitsAllocated, bitsAllocated);
  const mask = stored >= 32 ? 0xffffffff : 2 ** stored - 1;
  const signBit = 2 ** (stored - 1);

  const values = new Float32Array(count);
  for (let p = 0; p < count; p += 1) {
    const raw =
      width === 1
        ? view.getUint8(p)
        : width === 2
          ? view.getUint16(p * 2, true)
          : view.getUint32(p * 4, true);
    let value = raw & mask;
    if (stored >= 32) value = raw >>> 0;
    if (pixelRepresentation === 1 && value >= signBit) value -= 2 * signBit;
    values[p] = value * slope + intercept;
  }
  return values;
}

function fileWindow(attributes: RenderingAttributes): Window | undefined {
  const { windowCenter, windowWidth } = attributes;
  if (windowCenter === undefined || windowWidth === undefined || windowWidth < 1) return undefined;
  return { center: windowCenter, width: windowWidth };
}

function rangeWindow(values: Float32Array): Window {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (!Number.isFinite(min)) return { center: 0, width: 1 };
  return { center: (min + max + 1) / 2, width: Math.max(1, max - min + 1) };
}

/** YBR_FULL to RGB (PS3.3 C.7.6.3.1.2), in place on RGBA. */
function ybrToRgb(rgba: Uint8Array): void {
  const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  for (let p = 0; p < rgba.length; p += 4) {
    const y = rgba[p]!;
    const cb = rgba[p + 1]! - 128;
    const cr = rgba[p + 2]! - 128;
    rgba[p] = clamp(y + 1.402 * cr);
    rgba[p + 1] = clamp(y - 0.344136 * cb - 0.714136 * cr);
    rgba[p + 2] = clamp(y + 1.772 * cb);
  }
}
