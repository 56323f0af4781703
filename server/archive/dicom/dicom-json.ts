import { type TextDecoding, textDecodingFor } from './character-set.js';
import { implicitVr } from './data-dictionary.js';
import { dataSetBytes } from './deflated-data-set.js';
import {
  type DataSetEncoding,
  type ElementHeader,
  ElementReader,
  UNDEFINED_LENGTH,
} from './element-reader.js';
import type { ParsedInstance } from './parsed-instance.js';
import { type PersonName, parsePersonName } from './person-name.js';
import { groupOf, isPixelDataTag, isPrivateTag, Tag, tagKey } from './tags.js';
import {
  BINARY_NUMBER_VRS,
  decodeAttributeTags,
  decodeBinaryNumbers,
  decodeStrings,
  parseDecimal,
} from './value-decoding.js';

/**
 * The DICOM JSON Model (PS3.18 F.2) of a stored instance, for WADO-RS metadata. Text comes
 * out in UTF-8 whatever the Specific Character Set (which keeps its original value, as
 * CP-2518 and Orthanc do), numbers as JSON numbers, person names as component groups, and
 * Pixel Data and large binary values as BulkDataURI. File Meta Information, group lengths
 * and trailing padding are left out; private elements are kept. Send it with
 * serializeDicomJson: the returned object's key order is JavaScript's, not tag order.
 *
 * Limitation: binary values of a big endian object are given inline in its stored byte
 * order; a client reading InlineBinary of OW/OF/OD from such an object must swap them.
 *
 * Limitation: private elements of an implicit VR object whose creator is not in the dcmjs
 * private dictionary come out as UN with InlineBinary, since their VR cannot be known.
 */

export type DicomJsonValue = string | number | PersonName | DicomJsonDataSet | null;

export interface DicomJsonAttribute {
  vr: string;
  Value?: DicomJsonValue[];
  BulkDataURI?: string;
  InlineBinary?: string;
}

export type DicomJsonDataSet = Record<string, DicomJsonAttribute>;

/** Where a bulk value is, in the bytes dataSetBytes() returns for the stored object. */
export interface BulkDataLocation {
  offset: number;
  length: number;
  /** Encapsulated Pixel Data: offset and length span the items, delimiter included. */
  encapsulated: boolean;
}

export interface DicomJsonOptions {
  /**
   * The URI a client fetches a bulk value from. tagPath is "7FE00010" at the top level and
   * "00540016/0/00181072" inside sequences: tags, with 0-based item numbers between them.
   */
  bulkDataUri: (tagPath: string, location: BulkDataLocation) => string;
  /** Binary values longer than this many bytes become BulkDataURI. Default 1024. */
  bulkDataThreshold?: number;
}

const DEFAULT_BULK_DATA_THRESHOLD = 1024;
const BINARY_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'UN']);

/** The parts of a ParsedInstance the conversion reads. */
export type DicomJsonSource = Pick<
  ParsedInstance,
  'encoding' | 'SpecificCharacterSet' | 'PixelRepresentation'
>;

/**
 * @param bytes the stored object, exactly as given to parseInstance.
 * @param parsed what parseInstance returned for those bytes.
 * @param options how bulk data is referenced.
 */
export function toDicomJson(
  bytes: Uint8Array,
  parsed: DicomJsonSource,
  options: DicomJsonOptions,
): DicomJsonDataSet {
  const dataSet = dataSetBytes(bytes, parsed.encoding);
  const start = parsed.encoding.deflated ? 0 : parsed.encoding.dataSetOffset;
  const writer = new DicomJsonWriter(new ElementReader(dataSet), parsed, options);
  const { explicitVR, littleEndian } = parsed.encoding;
  const text = textDecodingFor(parsed.SpecificCharacterSet);
  return writer.dataSet(start, dataSet.length, { explicitVR, littleEndian }, text, '').json;
}

class DicomJsonWriter {
  private readonly threshold: number;
  private readonly signedPixels: boolean;

  constructor(
    private readonly reader: ElementReader,
    parsed: DicomJsonSource,
    private readonly options: DicomJsonOptions,
  ) {
    this.threshold = options.bulkDataThreshold ?? DEFAULT_BULK_DATA_THRESHOLD;
    this.signedPixels = parsed.PixelRepresentation === 1;
  }

  /** Converts the data set (or item) in [offset, end); returns it and the offset after it. */
  dataSet(
    offset: number,
    end: number,
    encoding: DataSetEncoding,
    inheritedText: TextDecoding,
    path: string,
  ): { json: DicomJsonDataSet; next: number } {
    const json: DicomJsonDataSet = {};
    let text = inheritedText;
    // Private Creator values of this data set, keyed by group << 8 | block (PS3.5 7.8.1).
    const creators = new Map<number, string>();

    const visit = (header: ElementHeader): number => {
      const element = header.tag & 0xffff;
      const left =
        groupOf(header.tag) === 0x0002 ||
        element === 0x0000 ||
        header.tag === Tag.DataSetTrailingPadding;
      if (left) return this.reader.skipElement(header, end, encoding);

      const key = tagKey(header.tag);
      const tagPath = path === '' ? key : `${path}/${key}`;
      const vr = this.vrOf(header, encoding, creators.get(privateBlock(header.tag)));

      if (vr === 'SQ') {
        // The items of a sequence that arrived as UN are implicit VR (PS3.5 6.2.2).
        const itemEncoding = header.vr === 'UN' ? { ...encoding, explicitVR: false } : encoding;
        return this.sequence(header, end, itemEncoding, text, tagPath, json);
      }

      if (header.length === UNDEFINED_LENGTH) {
        // Encapsulated Pixel Data (or an odd binary value written the same way).
        const next = this.reader.skipElement(header, end, encoding);
        const location = { offset: header.valueOffset, length: next - header.valueOffset };
        json[key] = {
          vr,
          BulkDataURI: this.options.bulkDataUri(tagPath, { ...location, encapsulated: true }),
        };
        return next;
      }

      this.reader.requireValue(header, end);
      const value = this.reader.value(header);
      json[key] = this.attribute(header, vr, value, encoding, text, tagPath);

      // An item may switch character set for itself and what it nests (PS3.5 6.1.2.3).
      if (header.tag === Tag.SpecificCharacterSet) {
        text = textDecodingFor(decodeStrings(value, 'CS', text));
      }
      if (isPrivateCreator(header.tag)) {
        creators.set(reservedBlock(header.tag), decodeStrings(value, 'LO', text)[0] ?? '');
      }
      return header.valueOffset + header.length;
    };

    let next = this.reader.walkDataSet(offset, end, encoding, visit);
    // At the top level a stray Item Delimitation Item does not end the data set.
    while (path === '' && next < end) next = this.reader.walkDataSet(next, end, encoding, visit);
    return { json, next };
  }

  private sequence(
    header: ElementHeader,
    end: number,
    encoding: DataSetEncoding,
    text: TextDecoding,
    tagPath: string,
    json: DicomJsonDataSet,
  ): number {
    const items: DicomJsonDataSet[] = [];
    const next = this.reader.forEachItem(header, end, encoding, (item) => {
      const defined = item.length !== UNDEFINED_LENGTH;
      const itemEnd = defined ? item.valueOffset + item.length : item.limit;
      const converted = this.dataSet(
        item.valueOffset,
        itemEnd,
        item.enc,
        text,
        `${tagPath}/${item.index}`,
      );
      items.push(converted.json);
      return defined ? itemEnd : converted.next;
    });

    json[tagKey(header.tag)] = items.length > 0 ? { vr: 'SQ', Value: items } : { vr: 'SQ' };
    return next;
  }

  private vrOf(header: ElementHeader, encoding: DataSetEncoding, creator?: string): string {
    const undefinedLength = header.length === UNDEFINED_LENGTH;
    if (header.vr === 'UN' && undefinedLength && !isPixelDataTag(header.tag)) return 'SQ'; // CP-246
    if (header.vr === 'UN' && !isPrivateTag(header.tag)) {
      // A standard attribute written as UN by a converter without a dictionary: viewers need
      // SOPInstanceUID as UI, not as base64, and the dictionary knows its VR.
      return implicitVr(header.tag, { signedPixels: this.signedPixels });
    }
    if (header.vr !== '') return header.vr;

    if (header.length === UNDEFINED_LENGTH) return isPixelDataTag(header.tag) ? 'OB' : 'SQ';
    const vr = implicitVr(header.tag, {
      signedPixels: this.signedPixels,
      privateCreator: creator,
    });

    // Private sequences in implicit VR are recognisable only by the item tag they start with.
    if (vr === 'UN' && header.length >= 8) {
      const first = this.reader.readTag(header.valueOffset, encoding.littleEndian);
      if (first === Tag.Item) return 'SQ';
    }
    return vr;
  }

  private attribute(
    header: ElementHeader,
    vr: string,
    value: Uint8Array,
    encoding: DataSetEncoding,
    text: TextDecoding,
    tagPath: string,
  ): DicomJsonAttribute {
    if (value.length === 0) return { vr };

    if (BINARY_VRS.has(vr)) {
      const isPixels = isPixelDataTag(header.tag) && !tagPath.includes('/');
      if (isPixels || value.length > this.threshold) {
        const location = { offset: header.valueOffset, length: header.length, encapsulated: false };
        return { vr, BulkDataURI: this.options.bulkDataUri(tagPath, location) };
      }
      return { vr, InlineBinary: Buffer.from(value).toString('base64') };
    }

    const values = this.values(vr, value, encoding, text);
    return values.length > 0 ? { vr, Value: values } : { vr };
  }

  private values(
    vr: string,
    value: Uint8Array,
    encoding: DataSetEncoding,
    text: TextDecoding,
  ): DicomJsonValue[] {
    if (BINARY_NUMBER_VRS.has(vr)) return decodeBinaryNumbers(value, vr, encoding.littleEndian);
    if (vr === 'AT') return decodeAttributeTags(value, encoding.littleEndian);

    const strings = decodeStrings(value, vr, text);
    switch (vr) {
      case 'PN':
        return strings.map((name) => (name === '' ? null : (parsePersonName(name) ?? null)));
      case 'IS':
      case 'DS':
        // NOTE: a malformed number ("1A") is kept as text rather than silently dropped.
        return strings.map((number) => (number === '' ? null : (parseDecimal(number) ?? number)));
      default:
        return strings.map((string) => (string === '' ? null : string));
    }
  }
}

/** Private Creator elements (gggg,0010-00FF) of odd groups reserve blocks gggg,xx00-xxFF. */
function isPrivateCreator(tag: number): boolean {
  const element = tag & 0xffff;
  return isPrivateTag(tag) && element >= 0x0010 && element <= 0x00ff;
}

/** The block a private element belongs to: its group and the high byte of its element. */
function privateBlock(tag: number): number {
  return (tag >>> 16) * 0x100 + ((tag >>> 8) & 0xff);
}

/** The block a Private Creator (gggg,00xx) reserves: its group and xx. */
function reservedBlock(creatorTag: number): number {
  return (creatorTag >>> 16) * 0x100 + (creatorTag & 0xff);
}
