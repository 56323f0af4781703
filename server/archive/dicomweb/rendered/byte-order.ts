/**
 * A native frame of an Explicit VR Big Endian object, turned little endian: WADO-RS frames
 * as application/octet-stream are Explicit VR Little Endian (PS3.18 8.7.3.5.2), and the
 * renderer reads little endian only. 8-bit and 1-bit samples have no byte order.
 */
export function toLittleEndian(frame: Uint8Array, bitsAllocated: number): Uint8Array {
  const width = bitsAllocated / 8;
  if (width !== 2 && width !== 4 && width !== 8) return frame;

  const out = new Uint8Array(frame.length);
  for (let at = 0; at + width <= frame.length; at += width) {
    for (let b = 0; b < width; b += 1) out[at + b] = frame[at + width - 1 - b]!;
  }
  return out;
}
