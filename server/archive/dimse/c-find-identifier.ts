/**
 * C-FIND identifiers (PS3.4 C.4.1.1.3): the flat data set of query keys a C-FIND-RQ
 * carries, and the data set of each match in a C-FIND-RSP. Only what a Study Root query
 * needs: top-level text values, little endian, explicit or implicit VR.
 *
 * Limitation: sequence keys (e.g. Referenced Study Sequence) are skipped in queries and
 * never returned, and an identifier in Explicit VR Big Endian or deflated is refused.
 */
import { hasLongExplicitLength } from '../dicom/value-representation.js';

/** One element of an identifier: its tag as 8 hex digits, its VR, its value as text. */
export interface IdentifierElement {
  tag: string;
  vr: string;
  /** Backslash-separated values, padding removed; '' for a universal match. */
  value: string;
}

export class IdentifierError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentifierError';
  }
}

const UNDEFINED_LENGTH = 0xffffffff;
const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';

/** Reads the keys of a C-FIND-RQ identifier in the presentation context's transfer syntax. */
export function decodeIdentifier(bytes: Buffer, transferSyntaxUid: string): IdentifierElement[] {
  const explicit = transferSyntaxUid !== IMPLICIT_VR_LITTLE_ENDIAN;
  const elements: IdentifierElement[] = [];
  let at = 0;
  while (at + 8 <= bytes.length) {
    const group = bytes.readUInt16LE(at);
    const element = bytes.readUInt16LE(at + 2);
    let vr = '';
    let length: number;
    let valueAt: number;
    if (explicit) {
      vr = bytes.toString('latin1', at + 4, at + 6);
      if (hasLongExplicitLength(vr)) {
        length = bytes.readUInt32LE(at + 8);
        valueAt = at + 12;
      } else {
        length = bytes.readUInt16LE(at + 6);
        valueAt = at + 8;
      }
    } else {
      length = bytes.readUInt32LE(at + 4);
      valueAt = at + 8;
    }

    if (length === UNDEFINED_LENGTH) {
      throw new IdentifierError(
        `Query key (${hex(group)},${hex(element)}) is a sequence of undefined length; ` +
          'sequence matching is not supported',
      );
    }
    if (valueAt + length > bytes.length) {
      throw new IdentifierError(
        `Query key (${hex(group)},${hex(element)}) overruns the identifier`,
      );
    }
    const tag = `${hex(group)}${hex(element)}`.toUpperCase();
    if (vr !== 'SQ' && group !== 0x0000) {
      const text = bytes.toString('utf8', valueAt, valueAt + length);
      elements.push({ tag, vr, value: text.replace(/[\0 ]+$/, '').replace(/^ +/, '') });
    }
    at = valueAt + length;
  }
  return elements;
}

/**
 * Writes a match in the context's transfer syntax, elements in tag order. Values are UTF-8,
 * so the caller includes Specific Character Set ISO_IR 192.
 */
export function encodeIdentifier(elements: IdentifierElement[], transferSyntaxUid: string) {
  const explicit = transferSyntaxUid !== IMPLICIT_VR_LITTLE_ENDIAN;
  const sorted = [...elements].sort((a, b) => a.tag.localeCompare(b.tag));
  const pieces: Buffer[] = [];
  for (const { tag, vr, value } of sorted) {
    let bytes = Buffer.from(value, 'utf8');
    // PS3.5 6.2: UI pads with NUL, text with a space, to an even length.
    if (bytes.length % 2 === 1)
      bytes = Buffer.concat([bytes, Buffer.from(vr === 'UI' ? [0] : [0x20])]);
    const group = parseInt(tag.slice(0, 4), 16);
    const element = parseInt(tag.slice(4), 16);
    let header: Buffer;
    if (!explicit) {
      header = Buffer.alloc(8);
      header.writeUInt32LE(bytes.length, 4);
    } else if (hasLongExplicitLength(vr)) {
      header = Buffer.alloc(12);
      header.write(vr, 4, 'latin1');
      header.writeUInt32LE(bytes.length, 8);
    } else {
      header = Buffer.alloc(8);
      header.write(vr, 4, 'latin1');
      header.writeUInt16LE(bytes.length, 6);
    }
    header.writeUInt16LE(group, 0);
    header.writeUInt16LE(element, 2);
    pieces.push(header, bytes);
  }
  return Buffer.concat(pieces);
}

function hex(value: number): string {
  return value.toString(16).padStart(4, '0');
}
