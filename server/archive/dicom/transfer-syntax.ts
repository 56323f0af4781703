/**
 * Every transfer syntax the archive stores, and what each one means for the parser: how the
 * data set is encoded, whether Pixel Data is encapsulated, and which codec family the frames
 * belong to (the frame splitter needs it to find where a frame starts).
 *
 * Only the layout matters here. The archive stores and serves frames as received and never
 * decodes them, so a syntax is "supported" as soon as its layout is known.
 */

export type FrameCodec =
  | 'native'
  | 'jpeg'
  | 'jpeg-ls'
  | 'jpeg-2000'
  | 'jpeg-xl'
  | 'rle'
  | 'deflate'
  | 'video'
  | 'referenced';

export interface TransferSyntaxInfo {
  uid: string;
  name: string;
  explicitVR: boolean;
  littleEndian: boolean;
  /** The data set after the File Meta Information is one raw DEFLATE stream (PS3.5 A.5). */
  deflated: boolean;
  /** Pixel Data is a sequence of fragments (PS3.5 A.4) rather than one native value. */
  encapsulated: boolean;
  frameCodec: FrameCodec;
}

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';

type Row = [uid: string, name: string, codec: FrameCodec];

// Compressed syntaxes: every element except Pixel Data is explicit VR little endian.
const ENCAPSULATED: Row[] = [
  ['1.2.840.10008.1.2.1.98', 'Encapsulated Uncompressed Explicit VR Little Endian', 'native'],
  ['1.2.840.10008.1.2.4.50', 'JPEG Baseline (Process 1)', 'jpeg'],
  ['1.2.840.10008.1.2.4.51', 'JPEG Extended (Process 2 & 4)', 'jpeg'],
  ['1.2.840.10008.1.2.4.53', 'JPEG Spectral Selection, Non-Hierarchical (retired)', 'jpeg'],
  ['1.2.840.10008.1.2.4.55', 'JPEG Full Progression, Non-Hierarchical (retired)', 'jpeg'],
  ['1.2.840.10008.1.2.4.57', 'JPEG Lossless, Non-Hierarchical (Process 14)', 'jpeg'],
  ['1.2.840.10008.1.2.4.70', 'JPEG Lossless, First-Order Prediction (Process 14 SV1)', 'jpeg'],
  ['1.2.840.10008.1.2.4.80', 'JPEG-LS Lossless', 'jpeg-ls'],
  ['1.2.840.10008.1.2.4.81', 'JPEG-LS Near-Lossless', 'jpeg-ls'],
  ['1.2.840.10008.1.2.4.90', 'JPEG 2000 Lossless Only', 'jpeg-2000'],
  ['1.2.840.10008.1.2.4.91', 'JPEG 2000', 'jpeg-2000'],
  ['1.2.840.10008.1.2.4.92', 'JPEG 2000 Part 2 Multi-component Lossless Only', 'jpeg-2000'],
  ['1.2.840.10008.1.2.4.93', 'JPEG 2000 Part 2 Multi-component', 'jpeg-2000'],
  ['1.2.840.10008.1.2.4.201', 'High-Throughput JPEG 2000 Lossless Only', 'jpeg-2000'],
  ['1.2.840.10008.1.2.4.202', 'High-Throughput JPEG 2000 with RPCL Lossless Only', 'jpeg-2000'],
  ['1.2.840.10008.1.2.4.203', 'High-Throughput JPEG 2000', 'jpeg-2000'],
  ['1.2.840.10008.1.2.4.110', 'JPEG XL Lossless', 'jpeg-xl'],
  ['1.2.840.10008.1.2.4.111', 'JPEG XL JPEG Recompression', 'jpeg-xl'],
  ['1.2.840.10008.1.2.4.112', 'JPEG XL', 'jpeg-xl'],
  ['1.2.840.10008.1.2.5', 'RLE Lossless', 'rle'],
  ['1.2.840.10008.1.2.8.1', 'Deflated Image Frame Compression', 'deflate'],
  ['1.2.840.10008.1.2.4.100', 'MPEG2 Main Profile / Main Level', 'video'],
  ['1.2.840.10008.1.2.4.101', 'MPEG2 Main Profile / High Level', 'video'],
  ['1.2.840.10008.1.2.4.102', 'MPEG-4 AVC/H.264 High Profile / Level 4.1', 'video'],
  ['1.2.840.10008.1.2.4.103', 'MPEG-4 AVC/H.264 BD-compatible High Profile / Level 4.1', 'video'],
  ['1.2.840.10008.1.2.4.104', 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 2D Video', 'video'],
  ['1.2.840.10008.1.2.4.105', 'MPEG-4 AVC/H.264 High Profile / Level 4.2 For 3D Video', 'video'],
  ['1.2.840.10008.1.2.4.106', 'MPEG-4 AVC/H.264 Stereo High Profile / Level 4.2', 'video'],
  ['1.2.840.10008.1.2.4.107', 'HEVC/H.265 Main Profile / Level 5.1', 'video'],
  ['1.2.840.10008.1.2.4.108', 'HEVC/H.265 Main 10 Profile / Level 5.1', 'video'],
];

const REGISTRY = new Map<string, TransferSyntaxInfo>();

function register(info: TransferSyntaxInfo): void {
  REGISTRY.set(info.uid, info);
}

const nativeLayout = { encapsulated: false, frameCodec: 'native' } as const;
register({
  uid: IMPLICIT_VR_LITTLE_ENDIAN,
  name: 'Implicit VR Little Endian',
  explicitVR: false,
  littleEndian: true,
  deflated: false,
  ...nativeLayout,
});
register({
  uid: EXPLICIT_VR_LITTLE_ENDIAN,
  name: 'Explicit VR Little Endian',
  explicitVR: true,
  littleEndian: true,
  deflated: false,
  ...nativeLayout,
});
register({
  uid: '1.2.840.10008.1.2.1.99',
  name: 'Deflated Explicit VR Little Endian',
  explicitVR: true,
  littleEndian: true,
  deflated: true,
  ...nativeLayout,
});
register({
  uid: EXPLICIT_VR_BIG_ENDIAN,
  name: 'Explicit VR Big Endian (retired)',
  explicitVR: true,
  littleEndian: false,
  deflated: false,
  ...nativeLayout,
});

// JPIP syntaxes reference the pixels by URL (Pixel Data Provider URL) and carry none.
register({
  uid: '1.2.840.10008.1.2.4.94',
  name: 'JPIP Referenced',
  explicitVR: true,
  littleEndian: true,
  deflated: false,
  encapsulated: false,
  frameCodec: 'referenced',
});
register({
  uid: '1.2.840.10008.1.2.4.95',
  name: 'JPIP Referenced Deflate',
  explicitVR: true,
  littleEndian: true,
  deflated: true,
  encapsulated: false,
  frameCodec: 'referenced',
});

for (const [uid, name, frameCodec] of ENCAPSULATED) {
  register({
    uid,
    name,
    explicitVR: true,
    littleEndian: true,
    deflated: false,
    encapsulated: true,
    frameCodec,
  });
}

/** The layout of a transfer syntax, or undefined when the archive does not know the UID. */
export function lookupTransferSyntax(uid: string): TransferSyntaxInfo | undefined {
  return REGISTRY.get(uid);
}
