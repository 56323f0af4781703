import type { IndexAttributes } from './index-attributes.js';
import type { FileMetaInformation } from './file-meta-information.js';
import type { PixelDataLocation } from './pixel-data-location.js';

/**
 * What ingest learns from one stored object: the attributes the index and QIDO-RS need, and
 * where the data set and pixels are in the stored bytes so WADO-RS can serve frames and
 * metadata from the same bytes later. It is plain data and survives JSON serialisation.
 */
export interface ParsedInstance extends IndexAttributes {
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
  SOPClassUID: string;
  /** From the File Meta Information, or the syntax inferred for an object without one. */
  TransferSyntaxUID: string;
  /** Frames WADO-RS can address: 0 without pixel data, 1 for a single-frame image. */
  frameCount: number;
  pixelData?: PixelDataLocation;
  encoding: StoredEncoding;
  fileMeta?: FileMetaInformation;
  /** Oddities that did not stop ingest, one sentence each, for the ingest log. */
  warnings: string[];
}

export interface StoredEncoding {
  explicitVR: boolean;
  littleEndian: boolean;
  /** Pixel Data is encapsulated under this transfer syntax. */
  encapsulated: boolean;
  /** The data set is a DEFLATE stream; offsets in pixelData refer to its inflated bytes. */
  deflated: boolean;
  hasPreamble: boolean;
  hasFileMeta: boolean;
  transferSyntaxInferred: boolean;
  /** Offset of the data set in the stored bytes (of the DEFLATE stream when deflated). */
  dataSetOffset: number;
}
