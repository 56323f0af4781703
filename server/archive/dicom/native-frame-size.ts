/**
 * Size of one native (uncompressed) frame, in bits: Rows x Columns x SamplesPerPixel x
 * BitsAllocated, with two exceptions from PS3.5 8.1 and PS3.3 C.7.6.3.1.2. YBR_FULL_422
 * stores two samples per pixel on average (Y Y Cb Cr per pixel pair), and 1-bit frames are
 * packed, so a frame may start in the middle of a byte.
 */
export interface NativeImageGeometry {
  Rows?: number;
  Columns?: number;
  SamplesPerPixel?: number;
  BitsAllocated?: number;
  PhotometricInterpretation?: string;
}

/** Undefined when Rows, Columns or BitsAllocated is missing or zero. */
export function nativeFrameBits(image: NativeImageGeometry): number | undefined {
  const { Rows, Columns, BitsAllocated } = image;
  if (!Rows || !Columns || !BitsAllocated) return undefined;

  const samples =
    image.PhotometricInterpretation === 'YBR_FULL_422' ? 2 : image.SamplesPerPixel || 1;
  return Rows * Columns * samples * BitsAllocated;
}
