import { DicomRejection } from './dicom-rejection.js';
import { type ElementReader, UNDEFINED_LENGTH } from './element-reader.js';
import { groupOf } from './tags.js';
import {
  EXPLICIT_VR_BIG_ENDIAN,
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  lookupTransferSyntax,
  type TransferSyntaxInfo,
} from './transfer-syntax.js';

/**
 * The transfer syntax of a data set that arrives without one: no meta header (objects saved
 * straight from a DIMSE association) or a meta header missing TransferSyntaxUID. Anything
 * whose first bytes walk as no syntax at all is not DICOM.
 */

const KNOWN_VRS = new Set([
  'AE',
  'AS',
  'AT',
  'CS',
  'DA',
  'DS',
  'DT',
  'FD',
  'FL',
  'IS',
  'LO',
  'LT',
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'PN',
  'SH',
  'SL',
  'SQ',
  'SS',
  'ST',
  'SV',
  'TM',
  'UC',
  'UI',
  'UL',
  'UN',
  'UR',
  'US',
  'UT',
  'UV',
]);

export function rejectKnownNonDicom(bytes: Uint8Array): void {
  if (bytes.length === 0) throw new DicomRejection('not-dicom', 'The object is empty');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw new DicomRejection(
      'not-dicom',
      'The object is a gzip archive, not a DICOM file; decompress it before sending',
    );
  }
  if (bytes.length < 8) {
    throw new DicomRejection('not-dicom', `The object is only ${bytes.length} bytes long`);
  }
}

/**
 * Guesses the encoding of a data set without meta header from its first elements: explicit
 * VR shows as two letters after the tag, big endian as a byte-swapped group number. The
 * guess is accepted only when the first elements walk cleanly in ascending tag order.
 */
export function inferTransferSyntax(reader: ElementReader, offset: number): TransferSyntaxInfo {
  const bytes = reader.bytes;
  const vr =
    bytes.length >= offset + 6 ? String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!) : '';
  // Data sets start with a low group (0008 mostly): read backwards it looks like 0800.
  const bigEndianFirst =
    bytes.length >= offset + 2 && reader.uint16(offset, false) < reader.uint16(offset, true);
  const explicit = bigEndianFirst
    ? [EXPLICIT_VR_BIG_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN]
    : [EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN];
  const candidates = KNOWN_VRS.has(vr)
    ? [...explicit, IMPLICIT_VR_LITTLE_ENDIAN]
    : [IMPLICIT_VR_LITTLE_ENDIAN];

  for (const uid of candidates) {
    const info = lookupTransferSyntax(uid)!;
    if (startsPlausibly(reader, offset, info)) return info;
  }
  throw new DicomRejection(
    'not-dicom',
    'The object has no DICOM preamble or "DICM" marker, and its first bytes are not a DICOM ' +
      'data element in any transfer syntax',
  );
}

function startsPlausibly(reader: ElementReader, offset: number, ts: TransferSyntaxInfo): boolean {
  const encoding = { explicitVR: ts.explicitVR, littleEndian: ts.littleEndian };
  const end = reader.length;
  let previousTag = -1;

  try {
    for (let count = 0; count < 3 && offset < end; count += 1) {
      const header = reader.readHeader(offset, end, encoding);
      const group = groupOf(header.tag);
      if (header.tag <= previousTag || group < 0x0001 || group > 0x7fe0) return false;
      if (encoding.explicitVR && !KNOWN_VRS.has(header.vr)) return false;
      if (header.length !== UNDEFINED_LENGTH && header.valueOffset + header.length > end) {
        return false;
      }
      previousTag = header.tag;
      offset = reader.skipElement(header, end, encoding);
    }
    return previousTag >= 0;
  } catch {
    // A walk failure only means this guess is wrong; the caller tries the next one.
    return false;
  }
}
