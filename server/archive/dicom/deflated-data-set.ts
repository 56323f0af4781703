import { inflateRawSync } from 'node:zlib';

import { DicomRejection } from './dicom-rejection.js';

/**
 * Deflated Explicit VR Little Endian (PS3.5 A.5): everything after the meta header is one
 * raw DEFLATE stream. It is the one syntax where the data set must be copied to be read.
 */

// The inflated data set of a deflated object is kept per received buffer, so WADO frame and
// metadata requests on the same bytes do not inflate it again.
const inflatedCache = new WeakMap<Uint8Array, Uint8Array>();

export function inflateDataSet(bytes: Uint8Array, offset: number): Uint8Array {
  const cached = inflatedCache.get(bytes);
  if (cached) return cached;

  let inflated: Uint8Array;
  try {
    inflated = inflateRawSync(bytes.subarray(offset));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const code = /unexpected end/i.test(reason) ? 'truncated' : 'corrupt-dataset';
    throw new DicomRejection(code, `The deflated data set does not inflate: ${reason}`);
  }
  inflatedCache.set(bytes, inflated);
  return inflated;
}

/**
 * The bytes a stored object's data set is read from: the object itself, or its inflated
 * data set when the transfer syntax is deflated (cached per buffer).
 */
export function dataSetBytes(
  bytes: Uint8Array,
  encoding: { deflated: boolean; dataSetOffset: number },
): Uint8Array {
  return encoding.deflated ? inflateDataSet(bytes, encoding.dataSetOffset) : bytes;
}
