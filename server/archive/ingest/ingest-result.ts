import type { DicomRejectionCode } from '../dicom/index.js';

export type IngestSource = 'stow' | 'upload' | 'dimse';

/** Refusals of the archive itself, on top of the parser's DicomRejectionCode values. */
export type IngestRefusalCode =
  | DicomRejectionCode
  /** The study exists and belongs to another site; studies never move silently. */
  | 'study-owned-by-other-site'
  /** The SOP Instance UID is already stored under another study or series. */
  | 'instance-uid-conflict'
  /** The instance's StudyInstanceUID is not the one the request addressed (STOW-RS URL). */
  | 'study-mismatch'
  /** The database would not take its index row while it took the others of its batch. */
  | 'unindexable';

export interface IngestStored {
  status: 'stored' | 'unchanged' | 'replaced';
  sopInstanceUid: string;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopClassUid: string;
  warnings: string[];
}

export interface IngestRefused {
  status: 'refused';
  reason: IngestRefusalCode;
  message: string;
  /** Known when the object parsed and was refused for what it says, not for its form. */
  sopInstanceUid?: string;
  sopClassUid?: string;
  studyInstanceUid?: string;
}

export type IngestResult = IngestStored | IngestRefused;
