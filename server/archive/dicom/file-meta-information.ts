import { DicomRejection } from './dicom-rejection.js';
import { type DataSetEncoding, type ElementReader, UNDEFINED_LENGTH } from './element-reader.js';
import { formatTag, Tag } from './tags.js';
import { describeUidProblem, uidFromBytes, uidProblem } from './uid.js';

/**
 * The File Meta Information (group 0002, PS3.10 7.1): always explicit VR little endian,
 * whatever the transfer syntax of the data set that follows it.
 */
export interface FileMetaInformation {
  MediaStorageSOPClassUID?: string;
  MediaStorageSOPInstanceUID?: string;
  TransferSyntaxUID?: string;
  ImplementationClassUID?: string;
  ImplementationVersionName?: string;
  SourceApplicationEntityTitle?: string;
}

/** Reads group 0002 element by element; the group length is not trusted (often wrong). */
export function readFileMeta(
  reader: ElementReader,
  offset: number,
): { meta: FileMetaInformation; end: number } {
  const meta: FileMetaInformation = {};
  const encoding: DataSetEncoding = { explicitVR: true, littleEndian: true };
  const total = reader.length;

  while (offset + 8 <= total && reader.uint16(offset, true) === 0x0002) {
    const header = reader.readHeader(offset, total, encoding);
    if (header.length === UNDEFINED_LENGTH) {
      throw new DicomRejection(
        'corrupt-meta',
        `File Meta Information element ${formatTag(header.tag)} has an undefined length`,
      );
    }
    reader.requireValue(header, total);

    const value = reader.value(header);
    switch (header.tag) {
      case Tag.MediaStorageSOPClassUID:
        meta.MediaStorageSOPClassUID = checkedMetaUid(value, 'MediaStorageSOPClassUID');
        break;
      case Tag.MediaStorageSOPInstanceUID:
        meta.MediaStorageSOPInstanceUID = checkedMetaUid(value, 'MediaStorageSOPInstanceUID');
        break;
      case Tag.TransferSyntaxUID:
        meta.TransferSyntaxUID = uidFromBytes(value);
        break;
      case 0x00020012:
        meta.ImplementationClassUID = uidFromBytes(value);
        break;
      case 0x00020013:
        meta.ImplementationVersionName = uidFromBytes(value);
        break;
      case 0x00020016:
        meta.SourceApplicationEntityTitle = uidFromBytes(value);
        break;
    }
    offset = header.valueOffset + header.length;
  }

  if (offset + 8 > total && (offset < total || !meta.TransferSyntaxUID)) {
    throw new DicomRejection('truncated', 'The file ends inside its File Meta Information');
  }
  return { meta, end: offset };
}

// Empty is tolerated (the data set has the authoritative UIDs); garbage means the header
// was damaged in transit or on disk, and nothing after it can be trusted.
function checkedMetaUid(value: Uint8Array, keyword: string): string {
  const uid = uidFromBytes(value);
  const problem = uid === '' ? undefined : uidProblem(uid);
  if (problem) {
    throw new DicomRejection(
      'corrupt-meta',
      `${keyword} in the File Meta Information ${describeUidProblem(uid, problem)}`,
      { attribute: keyword },
    );
  }
  return uid;
}
