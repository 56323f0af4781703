import { getFrames, type ParsedInstance } from '../../dicom/index.js';
import { toLittleEndian } from './byte-order.js';
import { canDecode, decodeFrame, type FrameGeometry } from './frame-codecs.js';

/** The geometry the decoders and the renderer need, from what ingest parsed. */
export function frameGeometry(parsed: ParsedInstance): FrameGeometry {
  return {
    rows: parsed.Rows ?? 0,
    columns: parsed.Columns ?? 0,
    samplesPerPixel: parsed.SamplesPerPixel ?? 1,
    bitsAllocated: parsed.BitsAllocated ?? 8,
    pixelRepresentation: parsed.PixelRepresentation ?? 0,
  };
}

/** True when frames of this instance can be had as native little endian samples. */
export function canServeNative(parsed: ParsedInstance): boolean {
  return !parsed.pixelData?.encapsulated || canDecode(parsed.TransferSyntaxUID);
}

/**
 * Frames as Explicit VR Little Endian samples: native frames as stored (swapped when the
 * object is big endian), compressed ones decoded.
 *
 * @throws FrameAccessError for a missing frame, Error for a syntax without a decoder.
 */
export async function nativeFrames(
  bytes: Uint8Array,
  parsed: ParsedInstance,
  frameNumbers: readonly number[],
): Promise<Uint8Array[]> {
  const frames = getFrames(bytes, parsed, frameNumbers);
  const geometry = frameGeometry(parsed);
  if (parsed.pixelData?.encapsulated) {
    return Promise.all(
      frames.map((frame) => decodeFrame(frame, parsed.TransferSyntaxUID, geometry)),
    );
  }
  if (parsed.encoding.littleEndian) return frames;
  return frames.map((frame) => toLittleEndian(frame, geometry.bitsAllocated));
}
