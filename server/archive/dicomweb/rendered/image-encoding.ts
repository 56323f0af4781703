import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

import type { RenderedImage } from './render-frame.js';

export type RenderedMediaType = 'image/jpeg' | 'image/png';

/** JPEG quality when the request names none; 90 keeps CT edges without visible blocks. */
const DEFAULT_QUALITY = 90;

/**
 * Encodes a rendered frame with pure-JavaScript encoders (pngjs, jpeg-js): no native
 * module to build or download. PNG is 8-bit grey for monochrome frames, RGB for colour.
 */
export function encodeImage(
  image: RenderedImage,
  mediaType: RenderedMediaType,
  quality = DEFAULT_QUALITY,
): Buffer {
  if (mediaType === 'image/jpeg') {
    return jpeg.encode({ width: image.width, height: image.height, data: image.rgba }, quality)
      .data;
  }
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.rgba.buffer, image.rgba.byteOffset, image.rgba.byteLength);
  return PNG.sync.write(png, { colorType: image.grey ? 0 : 2, inputHasAlpha: true });
}
