import type { TextDecoding } from './character-set.js';
import { tagKey } from './tags.js';

/**
 * Element values to JavaScript values, per VR (PS3.5 6.2). String VRs are split on the
 * backslash and trimmed of the padding the standard calls insignificant; binary numbers are
 * read in the data set's byte order. Values are read from views, never copied first.
 */

/** VRs whose text is decoded with Specific Character Set (PS3.5 6.1.2.3). */
const CHARACTER_SET_VRS = new Set(['SH', 'LO', 'ST', 'LT', 'UT', 'PN', 'UC']);

/** String VRs holding exactly one value: a backslash in them is text, not a separator. */
const SINGLE_VALUE_VRS = new Set(['ST', 'LT', 'UT', 'UR']);

/** String VRs whose leading spaces are significant, so only trailing padding is removed. */
const TRAILING_TRIM_VRS = new Set(['ST', 'LT', 'UT', 'UR', 'UC']);

export const BINARY_NUMBER_VRS = new Set(['US', 'SS', 'UL', 'SL', 'FL', 'FD', 'SV', 'UV']);

/**
 * Bytes to text, one byte per character. Short values (nearly all index attributes) are
 * converted without allocating a Buffer, which dominates the cost of a few dozen values.
 */
export function latin1(bytes: Uint8Array): string {
  if (bytes.length <= 64) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function isPadding(code: number): boolean {
  return code === 0x20 || code === 0x00;
}

/** Removes the space (and, from sloppy writers, NUL) padding PS3.5 6.2 calls insignificant. */
function trimPadding(value: string, trailingOnly: boolean): string {
  let end = value.length;
  while (end > 0 && isPadding(value.charCodeAt(end - 1))) end -= 1;
  let start = 0;
  if (!trailingOnly) while (start < end && isPadding(value.charCodeAt(start))) start += 1;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * The values of a string element. Empty values inside a multi-valued element stay as ''
 * so positions are kept; an element with no value at all gives [].
 */
export function decodeStrings(bytes: Uint8Array, vr: string, text: TextDecoding): string[] {
  if (bytes.length === 0) return [];

  const decoded = CHARACTER_SET_VRS.has(vr) ? text.decode(bytes, vr === 'PN') : latin1(bytes);
  const trailingOnly = TRAILING_TRIM_VRS.has(vr);
  if (SINGLE_VALUE_VRS.has(vr) || !decoded.includes('\\')) {
    const value = trimPadding(decoded, trailingOnly);
    return value === '' ? [] : [value];
  }
  return decoded.split('\\').map((value) => trimPadding(value, trailingOnly));
}

/** The first value of a string element, or undefined when it has none. */
export function decodeString(
  bytes: Uint8Array,
  vr: string,
  text: TextDecoding,
): string | undefined {
  const [first] = decodeStrings(bytes, vr, text);
  return first === '' ? undefined : first;
}

/** IS and DS text to a number; undefined when the text is not a decimal number. */
export function parseDecimal(value: string): number | undefined {
  if (value === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) ? number : undefined;
}

/** US, SS, UL, SL, FL, FD, SV, UV. 64-bit values past 2^53 are returned as strings. */
export function decodeBinaryNumbers(
  bytes: Uint8Array,
  vr: string,
  littleEndian: boolean,
): Array<number | string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = vr === 'US' || vr === 'SS' ? 2 : vr === 'FD' || vr === 'SV' || vr === 'UV' ? 8 : 4;
  const count = Math.floor(bytes.length / size);
  const values: Array<number | string> = new Array(count);

  for (let i = 0; i < count; i += 1) {
    const at = i * size;
    switch (vr) {
      case 'US':
        values[i] = view.getUint16(at, littleEndian);
        break;
      case 'SS':
        values[i] = view.getInt16(at, littleEndian);
        break;
      case 'UL':
        values[i] = view.getUint32(at, littleEndian);
        break;
      case 'SL':
        values[i] = view.getInt32(at, littleEndian);
        break;
      case 'FL':
        values[i] = shortestFloat32(view.getFloat32(at, littleEndian));
        break;
      case 'FD':
        values[i] = view.getFloat64(at, littleEndian);
        break;
      case 'SV':
        values[i] = safeInteger(view.getBigInt64(at, littleEndian));
        break;
      case 'UV':
        values[i] = safeInteger(view.getBigUint64(at, littleEndian));
        break;
    }
  }
  return values;
}

/** The first value of a US element (Rows, Columns, BitsAllocated...). */
export function decodeUint16(bytes: Uint8Array, littleEndian: boolean): number | undefined {
  if (bytes.length < 2) return undefined;
  return littleEndian ? bytes[0]! | (bytes[1]! << 8) : (bytes[0]! << 8) | bytes[1]!;
}

/** AT values as the 8-hex-digit tag strings of the DICOM JSON Model. */
export function decodeAttributeTags(bytes: Uint8Array, littleEndian: boolean): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tags: string[] = [];
  for (let at = 0; at + 4 <= bytes.length; at += 4) {
    const group = view.getUint16(at, littleEndian);
    const element = view.getUint16(at + 2, littleEndian);
    tags.push(tagKey(((group << 16) | element) >>> 0));
  }
  return tags;
}

// A float32 widened to double prints as 0.30000001192092896; the shortest decimal that
// rounds back to the same float32 is what the modality wrote and what viewers expect.
function shortestFloat32(value: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  for (let digits = 1; digits <= 9; digits += 1) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) return candidate;
  }
  return value;
}

function safeInteger(value: bigint): number | string {
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
}
