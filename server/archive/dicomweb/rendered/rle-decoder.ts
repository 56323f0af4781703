import type { FrameGeometry } from './frame-codecs.js';

/**
 * RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits
 * segment per byte plane, most significant byte of each sample first. The planes are
 * woven back into interleaved little endian samples.
 *
 * @throws Error when the header does not announce the segments the geometry needs.
 */
export function decodeRle(frame: Uint8Array, geometry: FrameGeometry): Uint8Array {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const bytesPerSample = geometry.bitsAllocated / 8;
  const samples = geometry.samplesPerPixel;
  const pixels = geometry.rows * geometry.columns;
  const segmentCount = view.getUint32(0, true);
  if (segmentCount !== bytesPerSample * samples) {
    throw new Error(
      `RLE frame has ${segmentCount} segments; ${bytesPerSample * samples} were expected`,
    );
  }

  const out = new Uint8Array(pixels * samples * bytesPerSample);
  for (let segment = 0; segment < segmentCount; segment += 1) {
    const start = view.getUint32(4 + segment * 4, true);
    const end = segment + 1 < segmentCount ? view.getUint32(8 + segment * 4, true) : frame.length;
    const sample = Math.floor(segment / bytesPerSample);
    // Segment 0 of a sample holds its most significant byte, which goes last in LE.
    const byteInSample = bytesPerSample - 1 - (segment % bytesPerSample);
    const stride = samples * bytesPerSample;
    let at = sample * bytesPerSample + byteInSample;
    let written = 0;

    let i = start;
    while (i < end && written < pixels) {
      const control = (frame[i++]! << 24) >> 24;
      if (control >= 0) {
        for (let n = 0; n <= control && written < pixels; n += 1, written += 1, at += stride) {
          out[at] = frame[i++]!;
        }
      } else if (control !== -128) {
        const value = frame[i++]!;
        for (let n = 0; n < 1 - control && written < pixels; n += 1, written += 1, at += stride) {
          out[at] = value;
        }
      }
    }
  }
  return out;
}
