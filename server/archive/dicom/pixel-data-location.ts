import { DicomRejection } from './dicom-rejection.js';
import {
  type DataSetEncoding,
  type ElementHeader,
  type ElementReader,
  UNDEFINED_LENGTH,
} from './element-reader.js';
import { formatTag } from './tags.js';

/**
 * Where the pixels of an instance are, recorded on ingest so WADO-RS frame requests slice the
 * stored bytes without parsing the data set again. Offsets are into the data set bytes: the
 * received object itself, or its inflated data set for Deflated Explicit VR Little Endian.
 */

export interface Fragment {
  /** Offset of the fragment's first data byte (after its item header). */
  offset: number;
  length: number;
}

export interface PixelDataLocation {
  /** (7FE0,0010) Pixel Data, or (7FE0,0008)/(7FE0,0009) float pixel data. */
  tag: number;
  vr: string;
  /** Offset of the value (native) or of the Basic Offset Table item (encapsulated). */
  offset: number;
  /** Native: value length. Encapsulated: bytes from the first item to the delimiter. */
  length: number;
  encapsulated: boolean;
  /** Encapsulated only: Basic Offset Table entries, empty when the table is empty. */
  basicOffsetTable: number[];
  /** Encapsulated only: every fragment after the Basic Offset Table, in order. */
  fragments: Fragment[];
  /** Extended Offset Table (7FE0,0001) and lengths (7FE0,0002), when the file has them. */
  extendedOffsetTable?: number[];
  extendedOffsetTableLengths?: number[];
}

/** Locates Pixel Data and returns it with the offset just past the element. */
export function locatePixelData(
  reader: ElementReader,
  header: ElementHeader,
  end: number,
  encoding: DataSetEncoding,
): { location: PixelDataLocation; next: number } {
  if (header.length !== UNDEFINED_LENGTH) {
    reader.requireValue(header, end);
    const location: PixelDataLocation = {
      tag: header.tag,
      vr: header.vr || 'OW',
      offset: header.valueOffset,
      length: header.length,
      encapsulated: false,
      basicOffsetTable: [],
      fragments: [],
    };
    return { location, next: header.valueOffset + header.length };
  }

  const basicOffsetTable: number[] = [];
  const fragments: Fragment[] = [];
  const next = reader.forEachItem(header, end, encoding, (item) => {
    if (item.length === UNDEFINED_LENGTH) {
      throw new DicomRejection(
        'corrupt-dataset',
        `Item ${item.index} of encapsulated ${formatTag(header.tag)} has an undefined length`,
      );
    }
    const itemEnd = item.valueOffset + item.length;
    if (itemEnd > end) {
      // Item 0 is the Basic Offset Table, so item n is fragment n.
      const what = item.index === 0 ? 'the Basic Offset Table' : `fragment ${item.index}`;
      throw new DicomRejection(
        'truncated',
        `The file ends inside ${what} of the encapsulated pixel data: it needs ` +
          `${item.length} bytes but only ${Math.max(0, end - item.valueOffset)} remain`,
      );
    }

    if (item.index === 0) {
      // Basic Offset Table entries are always little endian 32-bit (PS3.5 A.4).
      for (let at = item.valueOffset; at + 4 <= itemEnd; at += 4) {
        basicOffsetTable.push(reader.uint32(at, true));
      }
    } else {
      fragments.push({ offset: item.valueOffset, length: item.length });
    }
    return itemEnd;
  });

  const location: PixelDataLocation = {
    tag: header.tag,
    vr: header.vr || 'OB',
    offset: header.valueOffset,
    length: next - header.valueOffset,
    encapsulated: true,
    basicOffsetTable,
    fragments,
  };
  return { location, next };
}

/** Extended Offset Table values: 64-bit little endian offsets or lengths (PS3.5 A.4). */
export function readOffsets64(value: Uint8Array): number[] {
  const view = new DataView(value.buffer, value.byteOffset, value.byteLength);
  const offsets: number[] = [];
  for (let at = 0; at + 8 <= value.length; at += 8) {
    offsets.push(Number(view.getBigUint64(at, true)));
  }
  return offsets;
}
