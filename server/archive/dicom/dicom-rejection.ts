/**
 * Why the archive refuses a received object. Ingest paths map the code to their protocol:
 * STOW-RS puts it in the Failure Reason of the response, C-STORE in the status and error
 * comment, the upload page shows the message. The codes are stable; add codes, never rename.
 */
export type DicomRejectionCode =
  /** No DICOM structure at all: no "DICM" magic and the first bytes are not an element. */
  | 'not-dicom'
  /** The file ends inside an element, a sequence or the pixel data. */
  | 'truncated'
  /** The File Meta Information (group 0002) is damaged. */
  | 'corrupt-meta'
  /** The data set after the meta header cannot be walked (impossible lengths, bad items). */
  | 'corrupt-dataset'
  /** A UID the archive indexes on is absent or empty. */
  | 'missing-uid'
  /** A UID the archive indexes on is not a valid UID (PS3.5 9.1). */
  | 'invalid-uid'
  /** The transfer syntax UID is not one whose layout the archive knows. */
  | 'unsupported-transfer-syntax'
  /** A DICOMDIR: it indexes a file-set and is not a storable composite instance. */
  | 'dicomdir';

export class DicomRejection extends Error {
  readonly code: DicomRejectionCode;
  /** The DICOM keyword or tag the rejection is about, when there is one. */
  readonly attribute?: string;

  constructor(code: DicomRejectionCode, message: string, options?: { attribute?: string }) {
    super(message);
    this.name = 'DicomRejection';
    this.code = code;
    this.attribute = options?.attribute;
  }
}

export function isDicomRejection(error: unknown): error is DicomRejection {
  return error instanceof DicomRejection;
}
