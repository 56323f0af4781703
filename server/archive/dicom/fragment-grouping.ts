import type { Fragment, PixelDataLocation } from './pixel-data-location.js';
import type { FrameCodec } from './transfer-syntax.js';

/**
 * Assigns the fragments of encapsulated Pixel Data to frames (PS3.5 A.4). In order of trust:
 * the Extended Offset Table, the Basic Offset Table, a single frame, one fragment per frame,
 * and last the codec's start-of-frame marker at the head of a fragment (JPEG SOI, JPEG 2000
 * SOC+SIZ, RLE header...). Returns undefined when none of them gives frameCount frames.
 *
 * Limitation: MPEG-2, H.264 and HEVC objects hold one stream for all frames, so their frames
 * cannot be served one by one; only the whole stream (frameCount 1) is returned.
 */
export function groupFragmentsIntoFrames(
  dataSet: Uint8Array,
  location: PixelDataLocation,
  frameCount: number,
  codec: FrameCodec,
): Fragment[][] | undefined {
  const { fragments } = location;
  if (fragments.length === 0) return undefined;

  const extended = location.extendedOffsetTable;
  if (extended && extended.length === frameCount) {
    const groups = groupByOffsets(fragments, extended);
    if (groups) return groups;
  }

  const basic = location.basicOffsetTable;
  if (basic.length === frameCount) {
    const groups = groupByOffsets(fragments, basic);
    if (groups) return groups;
  }

  if (frameCount === 1) return [fragments];

  // Video syntaxes carry one stream for all frames; no fragment boundary is a frame boundary.
  if (codec === 'video') return undefined;
  if (fragments.length === frameCount) return fragments.map((fragment) => [fragment]);
  if (fragments.length < frameCount) return undefined;

  const groups: Fragment[][] = [];
  for (let i = 0; i < fragments.length; i += 1) {
    const fragment = fragments[i]!;
    const previous = fragments[i - 1];
    const startsFrame =
      i === 0 ||
      (startsWithFrameMarker(dataSet, fragment, codec) && endsFrame(dataSet, previous!, codec));
    if (startsFrame) groups.push([fragment]);
    else groups[groups.length - 1]!.push(fragment);
  }
  return groups.length === frameCount ? groups : undefined;
}

/**
 * Offsets (BOT or EOT) count from the first byte of the first fragment's item tag. Each
 * offset must land on a fragment's item tag, or the table is wrong and is not used.
 */
function groupByOffsets(fragments: Fragment[], offsets: number[]): Fragment[][] | undefined {
  const firstItemStart = fragments[0]!.offset - 8;
  const groups: Fragment[][] = offsets.map(() => []);
  let frame = -1;

  for (const fragment of fragments) {
    const relative = fragment.offset - 8 - firstItemStart;
    while (frame + 1 < offsets.length && offsets[frame + 1] === relative) frame += 1;
    if (frame + 1 < offsets.length && offsets[frame + 1]! < relative) return undefined;
    if (frame < 0) return undefined;
    groups[frame]!.push(fragment);
  }
  return groups.every((group) => group.length > 0) ? groups : undefined;
}

function startsWithFrameMarker(bytes: Uint8Array, fragment: Fragment, codec: FrameCodec): boolean {
  const at = fragment.offset;
  const b = (i: number) => (i < fragment.length ? bytes[at + i] : undefined);

  switch (codec) {
    case 'jpeg':
    case 'jpeg-ls':
      return b(0) === 0xff && b(1) === 0xd8;
    case 'jpeg-2000':
      return (
        (b(0) === 0xff && b(1) === 0x4f && b(2) === 0xff && b(3) === 0x51) ||
        isBox(bytes, fragment, 0x6a502020)
      );
    case 'jpeg-xl':
      return (b(0) === 0xff && b(1) === 0x0a) || isBox(bytes, fragment, 0x4a584c20);
    case 'rle':
      return isRleHeader(bytes, fragment);
    default:
      return false;
  }
}

// A JPEG frame ends with EOI (FF D9), possibly followed by one padding byte to an even length.
function endsFrame(bytes: Uint8Array, fragment: Fragment, codec: FrameCodec): boolean {
  if (codec !== 'jpeg' && codec !== 'jpeg-ls') return true;
  let last = fragment.offset + fragment.length - 1;
  while (last > fragment.offset && bytes[last] === 0x00) last -= 1;
  return bytes[last - 1] === 0xff && bytes[last] === 0xd9;
}

// JP2 and JPEG XL containers open with a 12-byte signature box: length 12, then the type.
function isBox(bytes: Uint8Array, fragment: Fragment, type: number): boolean {
  if (fragment.length < 8) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset + fragment.offset, 8);
  return view.getUint32(0) === 12 && view.getUint32(4) === type;
}

// RLE frames open with a 64-byte header: segment count (1..15), then the first offset, 64.
function isRleHeader(bytes: Uint8Array, fragment: Fragment): boolean {
  if (fragment.length < 64) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset + fragment.offset, 8);
  const segments = view.getUint32(0, true);
  return segments >= 1 && segments <= 15 && view.getUint32(4, true) === 64;
}
