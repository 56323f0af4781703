import { dataSetBytes } from './deflated-data-set.js';
import { FrameAccessError } from './frame-access-error.js';
import { groupFragmentsIntoFrames } from './fragment-grouping.js';
import { nativeFrameBits } from './native-frame-size.js';
import type { ParsedInstance } from './parsed-instance.js';
import type { Fragment, PixelDataLocation } from './pixel-data-location.js';
import { lookupTransferSyntax } from './transfer-syntax.js';

/**
 * The bytes of the requested frames for WADO-RS, in the stored transfer syntax: a native
 * frame is its slice of Pixel Data (byte order as stored), an encapsulated frame is the
 * concatenation of its fragments (one compressed bitstream). A frame held in one fragment,
 * or any byte-aligned native frame, is returned as a view of bytes without copying.
 *
 * Limitation: native frames of an Explicit VR Big Endian object are returned big endian;
 * the WADO-RS handler must swap them if it answers with a little endian transfer syntax.
 *
 * @param bytes the stored object, exactly as given to parseInstance.
 * @param parsed what parseInstance returned for those bytes.
 * @param frameNumbers 1-based frame numbers, as in the WADO-RS /frames/{list} path.
 * @throws FrameAccessError naming the frame and the SOPInstanceUID.
 */
export function getFrames(
  bytes: Uint8Array,
  parsed: ParsedInstance,
  frameNumbers: readonly number[],
): Uint8Array[] {
  const sopInstanceUID = parsed.SOPInstanceUID;
  const pixelData = parsed.pixelData;
  if (!pixelData || parsed.frameCount === 0) {
    throw new FrameAccessError(
      'no-pixel-data',
      `Instance ${sopInstanceUID} has no Pixel Data, so it has no frames`,
      { sopInstanceUID },
    );
  }

  for (const frameNumber of frameNumbers) {
    if (!Number.isInteger(frameNumber) || frameNumber < 1 || frameNumber > parsed.frameCount) {
      throw new FrameAccessError(
        'frame-out-of-range',
        `Frame ${frameNumber} does not exist in instance ${sopInstanceUID}, which has ` +
          `${parsed.frameCount} frame(s) numbered from 1`,
        { sopInstanceUID, frameNumber },
      );
    }
  }

  const dataSet = dataSetBytes(bytes, parsed.encoding);
  return pixelData.encapsulated
    ? encapsulatedFrames(dataSet, parsed, pixelData, frameNumbers)
    : nativeFrames(dataSet, parsed, pixelData, frameNumbers);
}

function nativeFrames(
  dataSet: Uint8Array,
  parsed: ParsedInstance,
  pixelData: PixelDataLocation,
  frameNumbers: readonly number[],
): Uint8Array[] {
  const sopInstanceUID = parsed.SOPInstanceUID;
  const frameBits = nativeFrameBits(parsed);
  if (frameBits === undefined) {
    throw new FrameAccessError(
      'frames-not-separable',
      `Instance ${sopInstanceUID} lacks Rows, Columns or BitsAllocated, so its native frames ` +
        'cannot be sliced',
      { sopInstanceUID },
    );
  }

  return frameNumbers.map((frameNumber) => {
    const startBit = (frameNumber - 1) * frameBits;
    const endByte = Math.ceil((startBit + frameBits) / 8);
    if (endByte > pixelData.length) {
      throw new FrameAccessError(
        'pixel-data-truncated',
        `Frame ${frameNumber} of instance ${sopInstanceUID} runs past the end of Pixel Data`,
        { sopInstanceUID, frameNumber },
      );
    }

    if (startBit % 8 === 0 && frameBits % 8 === 0) {
      const start = pixelData.offset + startBit / 8;
      return dataSet.subarray(start, start + frameBits / 8);
    }
    return extractBits(dataSet, pixelData.offset, startBit, frameBits);
  });
}

/**
 * A 1-bit frame that does not start on a byte boundary, re-packed to start at bit 0. DICOM
 * packs bits least significant first (PS3.5 8.1.1), so byte i of the frame takes the high
 * bits of one stored byte and the low bits of the next.
 */
function extractBits(
  dataSet: Uint8Array,
  valueOffset: number,
  startBit: number,
  bitCount: number,
): Uint8Array {
  const out = new Uint8Array(Math.ceil(bitCount / 8));
  const first = valueOffset + (startBit >> 3);
  const shift = startBit & 7;

  for (let i = 0; i < out.length; i += 1) {
    const low = dataSet[first + i]! >> shift;
    const high = shift === 0 ? 0 : (dataSet[first + i + 1] ?? 0) << (8 - shift);
    out[i] = (low | high) & 0xff;
  }

  const spareBits = out.length * 8 - bitCount;
  if (spareBits > 0) out[out.length - 1]! &= 0xff >> spareBits;
  return out;
}

function encapsulatedFrames(
  dataSet: Uint8Array,
  parsed: ParsedInstance,
  pixelData: PixelDataLocation,
  frameNumbers: readonly number[],
): Uint8Array[] {
  const sopInstanceUID = parsed.SOPInstanceUID;
  const codec = lookupTransferSyntax(parsed.TransferSyntaxUID)?.frameCodec ?? 'native';
  const groups = groupFragmentsIntoFrames(dataSet, pixelData, parsed.frameCount, codec);
  if (!groups) {
    throw new FrameAccessError(
      'frames-not-separable',
      `The ${pixelData.fragments.length} fragment(s) of instance ${sopInstanceUID} cannot be ` +
        `assigned to its ${parsed.frameCount} frames: no usable offset table and no ` +
        'frame boundary markers (video syntaxes hold one stream for all frames)',
      { sopInstanceUID },
    );
  }
  return frameNumbers.map((frameNumber) => joinFragments(dataSet, groups[frameNumber - 1]!));
}

function joinFragments(dataSet: Uint8Array, fragments: Fragment[]): Uint8Array {
  if (fragments.length === 1) {
    const [only] = fragments;
    return dataSet.subarray(only!.offset, only!.offset + only!.length);
  }

  const total = fragments.reduce((sum, fragment) => sum + fragment.length, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const fragment of fragments) {
    joined.set(dataSet.subarray(fragment.offset, fragment.offset + fragment.length), at);
    at += fragment.length;
  }
  return joined;
}
