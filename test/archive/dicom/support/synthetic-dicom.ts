/**
 * Small hand-built DICOM objects for the cases the corpus lacks: bad UIDs, unknown transfer
 * syntaxes, Extended Offset Tables, multi-frame 1-bit images. Explicit VR little endian
 * only, written straight from PS3.5 7.1 so the tests do not depend on the code under test.
 */

export type ElementValue = string | Uint8Array | { us: number[] };

export interface Element {
  tag: number;
  vr: string;
  value: ElementValue;
}

const LONG_VRS = new Set([
  'OB',
  'OD',
  'OF',
  'OL',
  'OV',
  'OW',
  'SQ',
  'SV',
  'UC',
  'UN',
  'UR',
  'UT',
  'UV',
]);

function valueBytes(vr: string, value: ElementValue): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (typeof value === 'object') {
    const out = new Uint8Array(value.us.length * 2);
    const view = new DataView(out.buffer);
    value.us.forEach((number, i) => view.setUint16(i * 2, number, true));
    return out;
  }
  const text = Buffer.from(value, 'latin1');
  if (text.length % 2 === 0) return text;
  return Buffer.concat([text, Buffer.from([vr === 'UI' ? 0x00 : 0x20])]);
}

export function element(tag: number, vr: string, value: ElementValue): Uint8Array {
  const data = valueBytes(vr, value);
  const long = LONG_VRS.has(vr);
  const header = Buffer.alloc(long ? 12 : 8);
  header.writeUInt16LE(tag >>> 16, 0);
  header.writeUInt16LE(tag & 0xffff, 2);
  header.write(vr, 4, 'latin1');
  if (long) header.writeUInt32LE(data.length, 8);
  else header.writeUInt16LE(data.length, 6);
  return Buffer.concat([header, data]);
}

/** Encapsulated Pixel Data: undefined length, Basic Offset Table item, fragment items. */
export function encapsulatedPixelData(basicOffsetTable: number[], fragments: Uint8Array[]) {
  const item = (data: Uint8Array) => {
    const header = Buffer.alloc(8);
    header.writeUInt16LE(0xfffe, 0);
    header.writeUInt16LE(0xe000, 2);
    header.writeUInt32LE(data.length, 4);
    return Buffer.concat([header, data]);
  };
  const header = Buffer.from([0xe0, 0x7f, 0x10, 0x00, 0x4f, 0x42, 0, 0, 0xff, 0xff, 0xff, 0xff]);
  const bot = Buffer.alloc(basicOffsetTable.length * 4);
  basicOffsetTable.forEach((offset, i) => bot.writeUInt32LE(offset, i * 4));
  const delimiter = Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
  return Buffer.concat([header, item(bot), ...fragments.map(item), delimiter]);
}

/** Preamble, "DICM" and a File Meta Information group, then the given data set bytes. */
export function part10(transferSyntaxUID: string, sopInstanceUID: string, dataSet: Uint8Array) {
  const metaElements = Buffer.concat([
    element(0x00020001, 'OB', new Uint8Array([0, 1])),
    element(0x00020002, 'UI', '1.2.840.10008.5.1.4.1.1.7'),
    element(0x00020003, 'UI', sopInstanceUID),
    element(0x00020010, 'UI', transferSyntaxUID),
    element(0x00020012, 'UI', '1.2.826.0.1.3680043.10.1'),
  ]);
  const groupLength = element(0x00020000, 'UL', new Uint8Array(4));
  new DataView(groupLength.buffer, groupLength.byteOffset).setUint32(8, metaElements.length, true);
  return Buffer.concat([
    Buffer.alloc(128),
    Buffer.from('DICM', 'latin1'),
    groupLength,
    metaElements,
    dataSet,
  ]);
}

export const TEST_UIDS = {
  study: '1.2.826.0.1.3680043.10.1.1',
  series: '1.2.826.0.1.3680043.10.1.1.1',
  instance: '1.2.826.0.1.3680043.10.1.1.1.1',
};

export interface ImageOptions {
  rows: number;
  columns: number;
  bitsAllocated: number;
  frames: number;
  samplesPerPixel?: number;
  uids?: Partial<typeof TEST_UIDS>;
  /** Extra elements, in tag order, between the image attributes and Pixel Data. */
  extra?: Uint8Array[];
  pixelData: Uint8Array;
}

/** A Secondary Capture image data set with the four identifying UIDs, in tag order. */
export function imageDataSet(options: ImageOptions): Uint8Array {
  const uids = { ...TEST_UIDS, ...options.uids };
  return Buffer.concat([
    element(0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.7'),
    element(0x00080018, 'UI', uids.instance),
    element(0x00080060, 'CS', 'OT'),
    element(0x0020000d, 'UI', uids.study),
    element(0x0020000e, 'UI', uids.series),
    element(0x00280002, 'US', { us: [options.samplesPerPixel ?? 1] }),
    element(0x00280004, 'CS', 'MONOCHROME2'),
    element(0x00280008, 'IS', String(options.frames)),
    element(0x00280010, 'US', { us: [options.rows] }),
    element(0x00280011, 'US', { us: [options.columns] }),
    element(0x00280100, 'US', { us: [options.bitsAllocated] }),
    ...(options.extra ?? []),
    options.pixelData,
  ]);
}
