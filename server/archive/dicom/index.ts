/**
 * The archive's DICOM parsing layer, shared by the ingest paths (STOW-RS, upload, C-STORE)
 * and the DICOMweb server (QIDO-RS index, WADO-RS frames and metadata):
 *
 * - parseInstance: accept or refuse a received object, index attributes, pixel location.
 * - getFrames: the stored bytes of WADO-RS frames, native or encapsulated.
 * - toDicomJson: the DICOM JSON Model for WADO-RS metadata, bulk data as URIs.
 *
 * Nothing here decodes or transcodes pixels.
 */
export { parseInstance } from './parse-instance.js';
export type { ParsedInstance, StoredEncoding } from './parsed-instance.js';
export type { IndexAttributes } from './index-attributes.js';
export { DicomRejection, isDicomRejection, type DicomRejectionCode } from './dicom-rejection.js';

export { getFrames } from './get-frames.js';
export { FrameAccessError, type FrameAccessErrorCode } from './frame-access-error.js';
export type { Fragment, PixelDataLocation } from './pixel-data-location.js';

export {
  toDicomJson,
  type BulkDataLocation,
  type DicomJsonAttribute,
  type DicomJsonDataSet,
  type DicomJsonOptions,
  type DicomJsonSource,
  type DicomJsonValue,
} from './dicom-json.js';
export { serializeDicomJson } from './dicom-json-serialize.js';

export { dataSetBytes } from './deflated-data-set.js';
export type { FileMetaInformation } from './file-meta-information.js';
export { formatPersonName, parsePersonName, type PersonName } from './person-name.js';
export { isValidUid } from './uid.js';
export { lookupTransferSyntax, type TransferSyntaxInfo } from './transfer-syntax.js';
