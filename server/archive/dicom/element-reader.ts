import { DicomRejection } from './dicom-rejection.js';
import { formatTag, isPixelDataTag, Tag } from './tags.js';
import { hasLongExplicitLength } from './value-representation.js';

/**
 * The element layer of PS3.5 chapter 7: element headers, defined and undefined lengths,
 * sequences, items and their delimiters, in explicit or implicit VR, little or big endian.
 * It reads a Uint8Array view in place and never copies a value; callers decide which values
 * to decode, so the index fast path pays only for the headers it walks past.
 */

export interface DataSetEncoding {
  explicitVR: boolean;
  littleEndian: boolean;
}

const IMPLICIT_LITTLE_ENDIAN: DataSetEncoding = { explicitVR: false, littleEndian: true };

export const UNDEFINED_LENGTH = 0xffffffff;

export interface ElementHeader {
  tag: number;
  /** Two letters in explicit VR; '' in implicit VR and for item and delimiter tags. */
  vr: string;
  /** Value length in bytes, or UNDEFINED_LENGTH. */
  length: number;
  /** Absolute offset of the first byte of the header. */
  offset: number;
  /** Absolute offset of the first byte of the value. */
  valueOffset: number;
}

function isUpperLetter(byte: number): boolean {
  return byte >= 0x41 && byte <= 0x5a;
}

/** Reads element headers out of one buffer; the encoding is passed per call for UN content. */
export class ElementReader {
  readonly bytes: Uint8Array;
  /** Elements of an explicit VR data set that had to be read as implicit VR. */
  implicitFallbacks = 0;
  private readonly view: DataView;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  uint16(offset: number, littleEndian: boolean): number {
    return this.view.getUint16(offset, littleEndian);
  }

  uint32(offset: number, littleEndian: boolean): number {
    return this.view.getUint32(offset, littleEndian);
  }

  readTag(offset: number, littleEndian: boolean): number {
    const group = this.view.getUint16(offset, littleEndian);
    const element = this.view.getUint16(offset + 2, littleEndian);
    return ((group << 16) | element) >>> 0;
  }

  /**
   * The header at offset. Items and delimiters never carry a VR, whatever the encoding.
   * NOTE: an explicit VR data set whose VR bytes are not letters is read as implicit for that
   * element, as dcmtk does; some writers emit private elements that way.
   */
  readHeader(offset: number, end: number, encoding: DataSetEncoding): ElementHeader {
    this.require(offset, 8, end, 'an element header');
    const { littleEndian } = encoding;
    const tag = this.readTag(offset, littleEndian);

    const isItemTag = tag >>> 16 === 0xfffe;
    const bytes = this.bytes;
    const hasVr = isUpperLetter(bytes[offset + 4]!) && isUpperLetter(bytes[offset + 5]!);
    if (!encoding.explicitVR || isItemTag || !hasVr) {
      if (encoding.explicitVR && !isItemTag) this.implicitFallbacks += 1;
      const length = this.view.getUint32(offset + 4, littleEndian);
      return { tag, vr: '', length, offset, valueOffset: offset + 8 };
    }

    const vr = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!);
    if (!hasLongExplicitLength(vr)) {
      const length = this.view.getUint16(offset + 6, littleEndian);
      return { tag, vr, length, offset, valueOffset: offset + 8 };
    }

    this.require(offset, 12, end, `the header of ${formatTag(tag)}`);
    const length = this.view.getUint32(offset + 8, littleEndian);
    return { tag, vr, length, offset, valueOffset: offset + 12 };
  }

  /**
   * Offset just past the element. Sequences are walked item by item even when their length
   * is defined, so a damaged nested data set is found on ingest rather than when WADO-RS
   * serves the metadata; only element headers are read, never values.
   */
  skipElement(header: ElementHeader, end: number, encoding: DataSetEncoding): number {
    const isSequence = header.vr === 'SQ' || header.length === UNDEFINED_LENGTH;
    if (!isSequence) {
      this.requireValue(header, end);
      return header.valueOffset + header.length;
    }

    // The items of encapsulated Pixel Data are compressed fragments, not data sets.
    const fragments = isPixelDataTag(header.tag);
    return this.forEachItem(header, end, encoding, (item) =>
      fragments ? this.skipFragment(item, end) : this.skipItem(item, end, item.enc),
    );
  }

  private skipFragment(item: ItemHeader, end: number): number {
    const limit = Math.min(end, item.limit);
    if (item.length === UNDEFINED_LENGTH || item.valueOffset + item.length > limit) {
      this.require(item.valueOffset, item.length, limit, `fragment ${item.index}`);
    }
    return item.valueOffset + item.length;
  }

  /**
   * Calls onItem for each item of a sequence (or each fragment of encapsulated Pixel Data) and
   * returns the offset just past the sequence. onItem returns the offset just past its item.
   */
  forEachItem(
    sequence: ElementHeader,
    end: number,
    encoding: DataSetEncoding,
    onItem: (item: ItemHeader) => number,
  ): number {
    // CP-246: a UN element of undefined length is a sequence encoded in implicit VR LE.
    const enc =
      sequence.vr === 'UN' && sequence.length === UNDEFINED_LENGTH
        ? IMPLICIT_LITTLE_ENDIAN
        : encoding;
    const defined = sequence.length !== UNDEFINED_LENGTH;
    if (defined) this.requireValue(sequence, end);
    const limit = defined ? sequence.valueOffset + sequence.length : end;

    let offset = sequence.valueOffset;
    let index = 0;
    while (offset < limit) {
      this.require(offset, 8, limit, `an item of ${formatTag(sequence.tag)}`);
      const tag = this.readTag(offset, enc.littleEndian);
      const length = this.view.getUint32(offset + 4, enc.littleEndian);

      if (tag === Tag.SequenceDelimitationItem) return offset + 8;
      if (tag !== Tag.Item) {
        throw new DicomRejection(
          'corrupt-dataset',
          `Sequence ${formatTag(sequence.tag)} holds ${formatTag(tag)} at byte ${offset} ` +
            'where an item (FFFE,E000) or a sequence delimiter was expected',
        );
      }

      const item: ItemHeader = { index, offset, valueOffset: offset + 8, length, limit, enc };
      offset = onItem(item);
      index += 1;
    }

    if (!defined) {
      throw new DicomRejection(
        'truncated',
        `The file ends inside ${formatTag(sequence.tag)}: its sequence delimiter is missing`,
      );
    }
    return limit;
  }

  /** Offset just past an item, whose content may have an undefined length. */
  skipItem(item: ItemHeader, end: number, encoding: DataSetEncoding): number {
    const limit = Math.min(end, item.limit);
    const itemEnd = item.length === UNDEFINED_LENGTH ? limit : item.valueOffset + item.length;
    if (itemEnd > limit) this.require(item.valueOffset, item.length, limit, 'an item value');

    const next = this.walkDataSet(item.valueOffset, itemEnd, encoding, (header) =>
      this.skipElement(header, itemEnd, encoding),
    );
    return item.length === UNDEFINED_LENGTH ? next : itemEnd;
  }

  /**
   * Walks the elements of a data set from offset to end, or to an Item Delimitation Item,
   * and returns the offset just past what it walked. visit returns the offset after the
   * element it was given, so it chooses between decoding, descending and skipping.
   */
  walkDataSet(
    offset: number,
    end: number,
    encoding: DataSetEncoding,
    visit: (header: ElementHeader) => number,
  ): number {
    while (offset < end) {
      const header = this.readHeader(offset, end, encoding);
      if (header.tag === Tag.ItemDelimitationItem) return header.valueOffset;

      // NOTE: a stray Sequence Delimitation Item at data set level is tolerated, as dcmtk does.
      if (header.tag === Tag.SequenceDelimitationItem) {
        offset = header.valueOffset;
        continue;
      }
      offset = visit(header);
    }
    return offset;
  }

  /** The element's value as a view into the buffer (no copy). */
  value(header: ElementHeader): Uint8Array {
    return this.bytes.subarray(header.valueOffset, header.valueOffset + header.length);
  }

  requireValue(header: ElementHeader, end: number): void {
    if (header.valueOffset + header.length > end) {
      const remaining = Math.max(0, end - header.valueOffset);
      this.overrun(
        end,
        `inside ${formatTag(header.tag)}: its value needs ${header.length} bytes ` +
          `but only ${remaining} remain`,
      );
    }
  }

  private require(offset: number, size: number, end: number, what: string): void {
    if (offset + size > end) this.overrun(end, `inside ${what} that starts at byte ${offset}`);
  }

  /**
   * Past the end of the file the object is truncated; past the end of an enclosing item or
   * sequence whose length is defined, the lengths contradict each other and it is corrupt.
   */
  private overrun(end: number, where: string): never {
    if (end >= this.bytes.length) {
      throw new DicomRejection('truncated', `The file ends ${where}`);
    }
    throw new DicomRejection(
      'corrupt-dataset',
      `An enclosing item or sequence ends at byte ${end}, ${where}`,
    );
  }
}

export interface ItemHeader {
  /** Zero-based position of the item in its sequence. */
  index: number;
  offset: number;
  valueOffset: number;
  length: number;
  /** Where the enclosing sequence ends; an item of undefined length cannot run past it. */
  limit: number;
  /** Encoding of the item's content (implicit VR LE inside a CP-246 UN sequence). */
  enc: DataSetEncoding;
}
