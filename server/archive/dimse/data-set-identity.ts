/**
 * Reads SOP Class UID (0008,0016) and SOP Instance UID (0008,0018) from the head of a
 * received data set, without parsing the rest of it.
 *
 * The C-STORE request names both UIDs in its command; checking them against the data set
 * keeps a mislabelled instance out of the archive, where its File Meta Information would
 * otherwise contradict its content.
 */
import { constants, inflateRawSync } from 'node:zlib';

import { dataSetEncodingOf, type DataSetEncoding } from './transfer-syntax.js';
import { hasLongExplicitLength } from '../dicom/value-representation.js';

export interface DataSetIdentity {
  sopClassUID: string;
  sopInstanceUID: string;
}

export class DataSetIdentityError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataSetIdentityError';
  }
}

const SOP_CLASS_UID = 0x00080016;
const SOP_INSTANCE_UID = 0x00080018;
const ITEM_DELIMITATION = 0xfffee00d;
const SEQUENCE_DELIMITATION = 0xfffee0dd;
const UNDEFINED_LENGTH = 0xffffffff;

/**
 * Limitation: a deflated data set is inflated from its first 64 KiB only; an instance whose
 * group 0008 elements before (0008,0018) inflate past that is answered "cannot understand".
 */
const DEFLATED_PREFIX_BYTES = 64 * 1024;

export function readDataSetIdentity(dataSet: Buffer, transferSyntaxUID: string): DataSetIdentity {
  const encoding = dataSetEncodingOf(transferSyntaxUID);
  const bytes = encoding.deflated ? inflatePrefix(dataSet) : dataSet;
  const found = new Map<number, string>();

  const reader = new ElementReader(bytes, encoding);
  while (!reader.atEnd() && !found.has(SOP_INSTANCE_UID)) {
    const element = reader.next();
    if (element.tag > SOP_INSTANCE_UID) break;
    if (element.tag === SOP_CLASS_UID || element.tag === SOP_INSTANCE_UID) {
      found.set(element.tag, uidText(bytes.subarray(element.valueStart, element.valueEnd)));
    }
  }

  const sopClassUID = found.get(SOP_CLASS_UID);
  const sopInstanceUID = found.get(SOP_INSTANCE_UID);
  if (!sopClassUID) throw new DataSetIdentityError('Data set has no SOP Class UID (0008,0016)');
  if (!sopInstanceUID) {
    throw new DataSetIdentityError('Data set has no SOP Instance UID (0008,0018)');
  }
  return { sopClassUID, sopInstanceUID };
}

function inflatePrefix(dataSet: Buffer): Buffer {
  try {
    return inflateRawSync(dataSet.subarray(0, DEFLATED_PREFIX_BYTES), {
      // Sync flush returns what the prefix decodes to instead of failing on the cut stream.
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: 64 * DEFLATED_PREFIX_BYTES,
    });
  } catch (error) {
    throw new DataSetIdentityError(`Deflated data set does not inflate: ${String(error)}`);
  }
}

interface ElementPosition {
  tag: number;
  valueStart: number;
  valueEnd: number;
}

/** Walks top-level elements, stepping over sequences of undefined length. */
class ElementReader {
  private offset = 0;

  constructor(
    private readonly bytes: Buffer,
    private readonly encoding: Pick<DataSetEncoding, 'explicitVR' | 'littleEndian'>,
  ) {}

  atEnd(): boolean {
    return this.offset >= this.bytes.length;
  }

  next(): ElementPosition {
    const tag = this.readTag();
    let vr = '';
    let length: number;

    const isDelimiter = tag >>> 16 === 0xfffe;
    if (this.encoding.explicitVR && !isDelimiter) {
      this.need(2);
      vr = this.bytes.toString('latin1', this.offset, this.offset + 2);
      if (hasLongExplicitLength(vr)) {
        this.offset += 4;
        length = this.readUint32();
      } else {
        this.offset += 2;
        length = this.readUint16();
      }
    } else {
      length = this.readUint32();
    }

    const valueStart = this.offset;
    if (length === UNDEFINED_LENGTH) {
      // PS3.5 6.2.2: an undefined-length UN element holds implicit VR little endian.
      const nested = vr === 'UN' ? { explicitVR: false, littleEndian: true } : this.encoding;
      this.skipUndefinedLength(nested);
      return { tag, valueStart, valueEnd: valueStart };
    }

    this.need(length);
    this.offset += length;
    return { tag, valueStart, valueEnd: this.offset };
  }

  private skipUndefinedLength(nested: Pick<DataSetEncoding, 'explicitVR' | 'littleEndian'>) {
    const inner = new ElementReader(this.bytes, nested);
    inner.offset = this.offset;

    for (;;) {
      if (inner.atEnd()) throw new DataSetIdentityError('Sequence runs past the data set end');
      const element = inner.next();
      // Items inside a sequence were stepped over by next(), nested ones included.
      if (element.tag === SEQUENCE_DELIMITATION || element.tag === ITEM_DELIMITATION) break;
    }
    this.offset = inner.offset;
  }

  private readTag(): number {
    this.need(4);
    const group = this.readUint16();
    const element = this.readUint16();
    return ((group << 16) | element) >>> 0;
  }

  private readUint16(): number {
    this.need(2);
    const value = this.encoding.littleEndian
      ? this.bytes.readUInt16LE(this.offset)
      : this.bytes.readUInt16BE(this.offset);
    this.offset += 2;
    return value;
  }

  private readUint32(): number {
    this.need(4);
    const value = this.encoding.littleEndian
      ? this.bytes.readUInt32LE(this.offset)
      : this.bytes.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  private need(length: number): void {
    if (this.offset + length > this.bytes.length) {
      throw new DataSetIdentityError('Data set ends inside an element');
    }
  }
}

function uidText(value: Buffer): string {
  return value.toString('latin1').replace(/[\0 ]+$/, '');
}
