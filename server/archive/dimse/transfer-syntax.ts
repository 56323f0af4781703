/**
 * Transfer syntaxes the DIMSE server can negotiate, and how each one lays out a data set.
 *
 * The server never decodes pixel data; it only needs to know the element encoding so it can
 * read the SOP Class and SOP Instance UIDs at the head of a received data set.
 */

export const TransferSyntax = {
  ImplicitVRLittleEndian: '1.2.840.10008.1.2',
  ExplicitVRLittleEndian: '1.2.840.10008.1.2.1',
  DeflatedExplicitVRLittleEndian: '1.2.840.10008.1.2.1.99',
  ExplicitVRBigEndian: '1.2.840.10008.1.2.2',
  JPEGBaseline: '1.2.840.10008.1.2.4.50',
  JPEGExtended: '1.2.840.10008.1.2.4.51',
  JPEGLossless: '1.2.840.10008.1.2.4.57',
  JPEGLosslessSV1: '1.2.840.10008.1.2.4.70',
  JPEGLSLossless: '1.2.840.10008.1.2.4.80',
  JPEGLSNearLossless: '1.2.840.10008.1.2.4.81',
  JPEG2000Lossless: '1.2.840.10008.1.2.4.90',
  JPEG2000: '1.2.840.10008.1.2.4.91',
  RLELossless: '1.2.840.10008.1.2.5',
} as const;

export type TransferSyntaxUID = (typeof TransferSyntax)[keyof typeof TransferSyntax];

/** How the elements of a data set are written on the wire under a transfer syntax. */
export interface DataSetEncoding {
  explicitVR: boolean;
  littleEndian: boolean;
  /** The whole data set is a raw DEFLATE stream (PS3.5 A.5). */
  deflated: boolean;
}

const EXPLICIT_LE: DataSetEncoding = { explicitVR: true, littleEndian: true, deflated: false };

const ENCODINGS: Record<TransferSyntaxUID, DataSetEncoding> = {
  [TransferSyntax.ImplicitVRLittleEndian]: {
    explicitVR: false,
    littleEndian: true,
    deflated: false,
  },
  [TransferSyntax.ExplicitVRLittleEndian]: EXPLICIT_LE,
  [TransferSyntax.DeflatedExplicitVRLittleEndian]: { ...EXPLICIT_LE, deflated: true },
  [TransferSyntax.ExplicitVRBigEndian]: { explicitVR: true, littleEndian: false, deflated: false },
  // Encapsulated (compressed) syntaxes keep every element except Pixel Data in explicit VR LE.
  [TransferSyntax.JPEGBaseline]: EXPLICIT_LE,
  [TransferSyntax.JPEGExtended]: EXPLICIT_LE,
  [TransferSyntax.JPEGLossless]: EXPLICIT_LE,
  [TransferSyntax.JPEGLosslessSV1]: EXPLICIT_LE,
  [TransferSyntax.JPEGLSLossless]: EXPLICIT_LE,
  [TransferSyntax.JPEGLSNearLossless]: EXPLICIT_LE,
  [TransferSyntax.JPEG2000Lossless]: EXPLICIT_LE,
  [TransferSyntax.JPEG2000]: EXPLICIT_LE,
  [TransferSyntax.RLELossless]: EXPLICIT_LE,
};

/**
 * Default preference of the archive. Order matters only as documentation: negotiation picks
 * the first syntax in the order the calling AE offers them.
 */
export const DEFAULT_ACCEPTED_TRANSFER_SYNTAXES: readonly TransferSyntaxUID[] =
  Object.values(TransferSyntax);

export function isKnownTransferSyntax(uid: string): uid is TransferSyntaxUID {
  return Object.hasOwn(ENCODINGS, uid);
}

export class UnknownTransferSyntaxError extends Error {
  constructor(readonly transferSyntaxUID: string) {
    super(`Transfer syntax ${transferSyntaxUID} is not one the DIMSE server can negotiate`);
    this.name = 'UnknownTransferSyntaxError';
  }
}

export function dataSetEncodingOf(uid: string): DataSetEncoding {
  if (!isKnownTransferSyntax(uid)) throw new UnknownTransferSyntaxError(uid);
  return ENCODINGS[uid];
}
