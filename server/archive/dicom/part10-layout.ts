import { inflateDataSet } from './deflated-data-set.js';
import { DicomRejection } from './dicom-rejection.js';
import { ElementReader } from './element-reader.js';
import { type FileMetaInformation, readFileMeta } from './file-meta-information.js';
import { lookupTransferSyntax, type TransferSyntaxInfo } from './transfer-syntax.js';
import { inferTransferSyntax, rejectKnownNonDicom } from './transfer-syntax-inference.js';
import { describeUidProblem, uidProblem } from './uid.js';

export type { FileMetaInformation } from './file-meta-information.js';

/**
 * The Part 10 container (PS3.10 7.1): optional 128-byte preamble and "DICM", optional File
 * Meta Information in explicit VR little endian, then the data set in its transfer syntax.
 * Objects received over DIMSE or saved by old modalities often lack the preamble, the meta
 * header or both; the data set encoding is then inferred from its first elements.
 */

export interface Part10Layout {
  hasPreamble: boolean;
  /** Undefined when the object has no File Meta Information at all. */
  meta?: FileMetaInformation;
  transferSyntax: TransferSyntaxInfo;
  /** True when the transfer syntax was guessed from the data set's first bytes. */
  transferSyntaxInferred: boolean;
  /** Offset of the data set in the received bytes (for a deflated one: of the stream). */
  dataSetOffset: number;
  /** The bytes the data set is read from: the received bytes, or the inflated data set. */
  dataSet: Uint8Array;
  /** Offset of the first data set element inside dataSet. */
  dataSetStart: number;
  warnings: string[];
}

const PREAMBLE_LENGTH = 128;
const DICM = [0x44, 0x49, 0x43, 0x4d];

function hasMagicAt(bytes: Uint8Array, offset: number): boolean {
  if (bytes.length < offset + 4) return false;
  return DICM.every((byte, i) => bytes[offset + i] === byte);
}

export function readPart10Layout(bytes: Uint8Array): Part10Layout {
  const reader = new ElementReader(bytes);
  const warnings: string[] = [];

  let metaOffset: number | undefined;
  let hasPreamble = false;
  if (hasMagicAt(bytes, PREAMBLE_LENGTH)) {
    hasPreamble = true;
    metaOffset = PREAMBLE_LENGTH + 4;
  } else if (hasMagicAt(bytes, 0)) {
    metaOffset = 4;
  } else if (bytes.length >= 8 && reader.uint16(0, true) === 0x0002) {
    // Meta header without preamble or magic: seen from some DIMSE-to-file gateways.
    metaOffset = 0;
  }

  if (metaOffset === undefined) {
    rejectKnownNonDicom(bytes);
    const transferSyntax = inferTransferSyntax(reader, 0);
    return {
      hasPreamble,
      transferSyntax,
      transferSyntaxInferred: true,
      dataSetOffset: 0,
      dataSet: bytes,
      dataSetStart: 0,
      warnings: ['No File Meta Information: transfer syntax inferred from the data set'],
    };
  }

  const { meta, end } = readFileMeta(reader, metaOffset);
  let transferSyntax: TransferSyntaxInfo;
  let transferSyntaxInferred = false;
  if (meta.TransferSyntaxUID === undefined || meta.TransferSyntaxUID === '') {
    transferSyntax = inferTransferSyntax(reader, end);
    transferSyntaxInferred = true;
    warnings.push('File Meta Information has no TransferSyntaxUID (0002,0010): inferred');
  } else {
    transferSyntax = transferSyntaxOf(meta.TransferSyntaxUID);
  }

  const layout: Part10Layout = {
    hasPreamble,
    meta,
    transferSyntax,
    transferSyntaxInferred,
    dataSetOffset: end,
    dataSet: bytes,
    dataSetStart: end,
    warnings,
  };
  if (transferSyntax.deflated) {
    layout.dataSet = inflateDataSet(bytes, end);
    layout.dataSetStart = 0;
  }
  return layout;
}

function transferSyntaxOf(uid: string): TransferSyntaxInfo {
  const problem = uidProblem(uid);
  if (problem) {
    throw new DicomRejection(
      'corrupt-meta',
      'TransferSyntaxUID (0002,0010) in the File Meta Information ' +
        describeUidProblem(uid, problem),
      { attribute: 'TransferSyntaxUID' },
    );
  }

  const info = lookupTransferSyntax(uid);
  if (!info) {
    throw new DicomRejection(
      'unsupported-transfer-syntax',
      `Transfer syntax ${uid} is not supported by this archive; send the object in Explicit VR ` +
        'Little Endian or a standard compressed syntax',
      { attribute: 'TransferSyntaxUID' },
    );
  }
  return info;
}
