import { createRequire } from 'node:module';

import jpeg from 'jpeg-js';

import { lookupTransferSyntax } from '../../dicom/index.js';
import { decodeRle } from './rle-decoder.js';

/**
 * Decoders of compressed frames to native pixels: little endian samples, interleaved, as an
 * Explicit VR Little Endian frame would hold them. All are npm packages that run in Node 20
 * without downloading anything: CharLS and OpenJPEG as WebAssembly (in the package), the
 * JPEG lossless and baseline decoders in plain JavaScript; RLE is decoded here.
 *
 * Limitation: JPEG Extended 12-bit (.51), JPEG XL, HTJ2K and the video syntaxes have no
 * decoder here; their frames are served as stored but cannot be rendered or decoded.
 */

export interface FrameGeometry {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  pixelRepresentation: number;
}

/** Emscripten codec objects share this shape: a buffer in, decode, a buffer out. */
interface EmscriptenDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}

type CodecModule = Record<string, new () => EmscriptenDecoder>;

const require = createRequire(import.meta.url);
const modules = new Map<string, Promise<CodecModule>>();

/** Loads an Emscripten codec once per process; the WebAssembly ships inside the package. */
function codec(name: string): Promise<CodecModule> {
  let loaded = modules.get(name);
  if (!loaded) {
    const factory = require(name) as () => Promise<CodecModule>;
    loaded = factory();
    modules.set(name, loaded);
  }
  return loaded;
}

async function emscriptenDecode(moduleName: string, className: string, frame: Uint8Array) {
  const decoder = new (await codec(moduleName))[className]!();
  try {
    decoder.getEncodedBuffer(frame.length).set(frame);
    decoder.decode();
    // NOTE: the decoded buffer is a view into WebAssembly memory; copy before delete().
    return Uint8Array.from(decoder.getDecodedBuffer());
  } finally {
    decoder.delete();
  }
}

interface LosslessDecoder {
  /** A Uint8Array or Uint16Array of samples, depending on numBytes. */
  decode(buffer: ArrayBuffer, offset: number, length: number, numBytes: number): ArrayBufferView;
}

function decodeJpegLossless(frame: Uint8Array, geometry: FrameGeometry): Uint8Array {
  const { Decoder } = require('jpeg-lossless-decoder-js') as {
    Decoder: new () => LosslessDecoder;
  };
  const copy = Uint8Array.from(frame);
  const out = new Decoder().decode(copy.buffer, 0, copy.length, geometry.bitsAllocated / 8);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

function decodeJpegBaseline(frame: Uint8Array, geometry: FrameGeometry): Uint8Array {
  const image = jpeg.decode(frame, { useTArray: true, formatAsRGBA: false });
  if (geometry.samplesPerPixel === 3) return image.data;
  // jpeg-js spreads one grey component over R, G and B; keep one.
  const grey = new Uint8Array(image.width * image.height);
  for (let i = 0; i < grey.length; i += 1) grey[i] = image.data[i * 3]!;
  return grey;
}

/** True when decodeFrame can decode frames of this transfer syntax. */
export function canDecode(transferSyntaxUid: string): boolean {
  const codecName = lookupTransferSyntax(transferSyntaxUid)?.frameCodec;
  if (codecName === 'jpeg') return JPEG_SYNTAXES.has(transferSyntaxUid);
  return codecName === 'jpeg-ls' || codecName === 'rle' || JPEG_2000.has(transferSyntaxUid);
}

const JPEG_SYNTAXES = new Set([
  '1.2.840.10008.1.2.4.50',
  '1.2.840.10008.1.2.4.57',
  '1.2.840.10008.1.2.4.70',
]);
const JPEG_2000 = new Set(['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91']);

/**
 * Decodes one compressed frame to native little endian samples.
 *
 * @throws Error naming the transfer syntax when no decoder exists for it.
 */
export async function decodeFrame(
  frame: Uint8Array,
  transferSyntaxUid: string,
  geometry: FrameGeometry,
): Promise<Uint8Array> {
  if (!canDecode(transferSyntaxUid)) {
    throw new Error(`No decoder for frames of transfer syntax ${transferSyntaxUid}`);
  }
  const codecName = lookupTransferSyntax(transferSyntaxUid)!.frameCodec;
  switch (codecName) {
    case 'jpeg-ls':
      return emscriptenDecode('@cornerstonejs/codec-charls', 'JpegLSDecoder', frame);
    case 'jpeg-2000':
      return emscriptenDecode('@cornerstonejs/codec-openjpeg', 'J2KDecoder', frame);
    case 'rle':
      return decodeRle(frame, geometry);
    default:
      return transferSyntaxUid.endsWith('.50')
        ? decodeJpegBaseline(frame, geometry)
        : decodeJpegLossless(frame, geometry);
  }
}
