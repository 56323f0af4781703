/**
 * Tags as 32-bit numbers (group << 16 | element). Numbers compare in one instruction and
 * keep the element walker free of string allocations; strings are made only for output.
 */

export const Tag = {
  FileMetaInformationGroupLength: 0x00020000,
  MediaStorageSOPClassUID: 0x00020002,
  MediaStorageSOPInstanceUID: 0x00020003,
  TransferSyntaxUID: 0x00020010,
  SpecificCharacterSet: 0x00080005,
  SOPClassUID: 0x00080016,
  SOPInstanceUID: 0x00080018,
  StudyInstanceUID: 0x0020000d,
  SeriesInstanceUID: 0x0020000e,
  SamplesPerPixel: 0x00280002,
  PhotometricInterpretation: 0x00280004,
  NumberOfFrames: 0x00280008,
  Rows: 0x00280010,
  Columns: 0x00280011,
  BitsAllocated: 0x00280100,
  PixelRepresentation: 0x00280103,
  ExtendedOffsetTable: 0x7fe00001,
  ExtendedOffsetTableLengths: 0x7fe00002,
  FloatPixelData: 0x7fe00008,
  DoubleFloatPixelData: 0x7fe00009,
  PixelData: 0x7fe00010,
  DataSetTrailingPadding: 0xfffcfffc,
  Item: 0xfffee000,
  ItemDelimitationItem: 0xfffee00d,
  SequenceDelimitationItem: 0xfffee0dd,
} as const;

/** Media Storage Directory Storage: the SOP Class of a DICOMDIR. */
export const MEDIA_STORAGE_DIRECTORY_SOP_CLASS = '1.2.840.10008.1.3.10';

export function groupOf(tag: number): number {
  return tag >>> 16;
}

/** "0010,0010" style, as integrators read it in dcmdump output and conformance statements. */
export function formatTag(tag: number): string {
  const hex = tagKey(tag);
  return `(${hex.slice(0, 4)},${hex.slice(4)})`;
}

/** "00100010": the key of an attribute in the DICOM JSON Model (PS3.18 F.2.1). */
export function tagKey(tag: number): string {
  return (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

export function isPixelDataTag(tag: number): boolean {
  return tag === Tag.PixelData || tag === Tag.FloatPixelData || tag === Tag.DoubleFloatPixelData;
}

export function isPrivateTag(tag: number): boolean {
  return (groupOf(tag) & 1) === 1;
}
