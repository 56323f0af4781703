import { textDecodingFor } from './character-set.js';
import { DicomRejection } from './dicom-rejection.js';
import {
  type DataSetEncoding,
  type ElementHeader,
  ElementReader,
  UNDEFINED_LENGTH,
} from './element-reader.js';
import {
  assignIndexAttribute,
  INDEX_ATTRIBUTES,
  type IndexAttributes,
} from './index-attributes.js';
import { assertInstanceIdentity, rejectDicomDir } from './instance-identity.js';
import { nativeFrameBits } from './native-frame-size.js';
import type { ParsedInstance } from './parsed-instance.js';
import { readPart10Layout } from './part10-layout.js';
import { locatePixelData, type PixelDataLocation, readOffsets64 } from './pixel-data-location.js';
import { formatTag, isPixelDataTag, Tag } from './tags.js';

/**
 * Reads a received object for ingest (STOW-RS, upload, C-STORE): checks it is a storable
 * DICOM instance, decodes the index attributes, and records where its pixels are. It walks
 * every element header, sequences included (that is how truncation and damage are caught),
 * but decodes only the values in INDEX_ATTRIBUTES, and it never copies pixel data (except
 * that a deflated data set has to be inflated).
 *
 * Limitation: in an implicit VR data set a sequence of defined length looks like any other
 * value without the dictionary, so it is skipped, not walked; damage inside it surfaces
 * only when toDicomJson reads it, as a DicomRejection.
 *
 * @param bytes the object as received: Part 10 with or without preamble and meta header,
 *   or a bare data set; a Buffer works, and is read in place.
 * @throws DicomRejection with a stable code when the object must be refused.
 */
export function parseInstance(bytes: Uint8Array): ParsedInstance {
  try {
    return parse(bytes);
  } catch (error) {
    if (error instanceof DicomRejection) throw error;
    // NOTE: only a parser bug lands here; the caller still gets a typed refusal.
    const reason = error instanceof Error ? error.message : String(error);
    throw new DicomRejection('corrupt-dataset', `The data set could not be read: ${reason}`);
  }
}

function parse(bytes: Uint8Array): ParsedInstance {
  const layout = readPart10Layout(bytes);
  const { transferSyntax } = layout;
  const warnings = [...layout.warnings];
  const reader = new ElementReader(layout.dataSet);
  const end = layout.dataSet.length;
  const encoding: DataSetEncoding = {
    explicitVR: transferSyntax.explicitVR,
    littleEndian: transferSyntax.littleEndian,
  };

  // A DICOMDIR is refused before its (often large) record sequence is walked.
  rejectDicomDir(layout.meta?.MediaStorageSOPClassUID);
  if (layout.dataSetStart >= end) {
    throw new DicomRejection(
      'truncated',
      'The file ends after its File Meta Information: the data set is missing',
    );
  }

  const scan = scanTopLevel(reader, layout.dataSetStart, end, encoding);
  const { collected, pixelData } = scan;

  if (reader.implicitFallbacks > 0) {
    warnings.push(
      `${reader.implicitFallbacks} element(s) carry no VR although the transfer syntax is ` +
        'explicit VR; they were read as implicit VR (other readers may reject this object)',
    );
  }

  // Decode what was collected, Specific Character Set first since the rest depends on it.
  const attributes = decodeCollected(collected, encoding.littleEndian, warnings);
  assertInstanceIdentity(attributes, layout.meta, warnings);

  if (pixelData && scan.extendedOffsets && scan.extendedLengths) {
    pixelData.extendedOffsetTable = readOffsets64(scan.extendedOffsets);
    pixelData.extendedOffsetTableLengths = readOffsets64(scan.extendedLengths);
  }
  if (pixelData && pixelData.encapsulated !== transferSyntax.encapsulated) {
    warnings.push(
      `Pixel Data is ${pixelData.encapsulated ? 'encapsulated' : 'native'} although the ` +
        `transfer syntax ${transferSyntax.uid} says otherwise; read as found`,
    );
  }
  const numberOfFramesPresent = collected.has(Tag.NumberOfFrames);
  const frameCount = countFrames(attributes, numberOfFramesPresent, pixelData, warnings);

  // Completed in place: copying ~40 attributes into a new object was a quarter of the time.
  return Object.assign(attributes, {
    TransferSyntaxUID: transferSyntax.uid,
    frameCount,
    pixelData,
    encoding: {
      explicitVR: encoding.explicitVR,
      littleEndian: encoding.littleEndian,
      encapsulated: pixelData?.encapsulated ?? transferSyntax.encapsulated,
      deflated: transferSyntax.deflated,
      hasPreamble: layout.hasPreamble,
      hasFileMeta: layout.meta !== undefined,
      transferSyntaxInferred: layout.transferSyntaxInferred,
      dataSetOffset: layout.dataSetOffset,
    },
    fileMeta: layout.meta,
    warnings,
  });
}

interface TopLevelScan {
  /** Values of INDEX_ATTRIBUTES elements, as views into the data set. */
  collected: Map<number, Uint8Array>;
  pixelData?: PixelDataLocation;
  extendedOffsets?: Uint8Array;
  extendedLengths?: Uint8Array;
}

/** One walk over the top level: collect index values, locate the pixels, skip the rest. */
function scanTopLevel(
  reader: ElementReader,
  start: number,
  end: number,
  encoding: DataSetEncoding,
): TopLevelScan {
  const scan: TopLevelScan = { collected: new Map() };

  const visit = (header: ElementHeader): number => {
    if (INDEX_ATTRIBUTES.has(header.tag) && header.length !== UNDEFINED_LENGTH) {
      reader.requireValue(header, end);
      scan.collected.set(header.tag, reader.value(header));
      return header.valueOffset + header.length;
    }
    if (isPixelDataTag(header.tag) && scan.pixelData === undefined) {
      const { location, next } = locatePixelData(reader, header, end, encoding);
      scan.pixelData = location;
      return next;
    }
    if (header.tag === Tag.ExtendedOffsetTable) {
      reader.requireValue(header, end);
      scan.extendedOffsets = reader.value(header);
    } else if (header.tag === Tag.ExtendedOffsetTableLengths) {
      reader.requireValue(header, end);
      scan.extendedLengths = reader.value(header);
    }
    return reader.skipElement(header, end, encoding);
  };

  // NOTE: walkDataSet stops at an Item Delimitation Item; at the top level one is stray.
  let offset = start;
  while (offset < end) offset = reader.walkDataSet(offset, end, encoding, visit);
  return scan;
}

function decodeCollected(
  collected: Map<number, Uint8Array>,
  littleEndian: boolean,
  warnings: string[],
): IndexAttributes {
  const attributes: IndexAttributes = { SpecificCharacterSet: [] };
  const warn = (message: string) => warnings.push(message);
  const latin1 = textDecodingFor([]);

  const charsetValue = collected.get(Tag.SpecificCharacterSet);
  if (charsetValue) {
    const attribute = INDEX_ATTRIBUTES.get(Tag.SpecificCharacterSet)!;
    assignIndexAttribute(attributes, attribute, charsetValue, { text: latin1, littleEndian, warn });
  }

  const text = textDecodingFor(attributes.SpecificCharacterSet);
  for (const term of text.unknownTerms) {
    warn(`Specific Character Set term "${term}" is unknown; its text is read as Latin-1`);
  }

  for (const [tag, value] of collected) {
    if (tag === Tag.SpecificCharacterSet) continue;
    assignIndexAttribute(attributes, INDEX_ATTRIBUTES.get(tag)!, value, {
      text,
      littleEndian,
      warn,
    });
  }
  return attributes;
}

/**
 * Frames WADO-RS can address. A native image must hold every frame it declares: a shorter
 * Pixel Data means a damaged object, refused rather than served with missing frames.
 */
function countFrames(
  attributes: IndexAttributes,
  numberOfFramesPresent: boolean,
  pixelData: PixelDataLocation | undefined,
  warnings: string[],
): number {
  if (!pixelData) return 0;
  const declared = attributes.NumberOfFrames;
  if (pixelData.encapsulated) return declared && declared > 0 ? declared : 1;

  const frameBits = nativeFrameBits(attributes);
  if (frameBits === undefined) {
    warnings.push('Pixel Data without Rows, Columns or BitsAllocated: frames cannot be sliced');
    return declared && declared > 0 ? declared : 1;
  }

  // An unreadable NumberOfFrames (badVR.dcm has "1A") is replaced by what fits Pixel Data.
  let frames = declared && declared > 0 ? declared : 1;
  if (numberOfFramesPresent && declared === undefined) {
    frames = Math.max(1, Math.floor((pixelData.length * 8) / frameBits));
    warnings.push(`NumberOfFrames is unreadable; ${frames} frame(s) inferred from Pixel Data`);
  }

  const needed = Math.ceil((frames * frameBits) / 8);
  if (pixelData.length < needed) {
    throw new DicomRejection(
      'corrupt-dataset',
      `${formatTag(pixelData.tag)} Pixel Data holds ${pixelData.length} bytes but ${frames} ` +
        `frame(s) of ${attributes.Rows}x${attributes.Columns}, ${attributes.BitsAllocated} bits ` +
        `allocated, need ${needed}`,
      { attribute: 'PixelData' },
    );
  }
  return frames;
}
