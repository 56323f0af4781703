/**
 * Wraps a data set received over the network into a DICOM Part 10 file (PS3.10 section 7).
 *
 * The data set bytes are appended untouched: what the modality sent is what the archive
 * keeps, whatever the transfer syntax.
 */
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from './implementation.js';

export interface FileMetaInformation {
  mediaStorageSOPClassUID: string;
  mediaStorageSOPInstanceUID: string;
  transferSyntaxUID: string;
  sourceApplicationEntityTitle: string;
}

const PREAMBLE_LENGTH = 128;
const DICM = Buffer.from('DICM', 'ascii');

/**
 * @param meta identifies the instance and how it arrived; the implementation fields are ours.
 * @param dataSet the data set in the negotiated transfer syntax, copied after the meta header.
 */
export function buildPart10(meta: FileMetaInformation, dataSet: Uint8Array): Uint8Array {
  const elements = Buffer.concat([
    // File Meta Information Version 00\01: a bit field, second byte set for version 1.
    longElement(0x0001, 'OB', Buffer.from([0x00, 0x01])),
    shortElement(0x0002, 'UI', meta.mediaStorageSOPClassUID),
    shortElement(0x0003, 'UI', meta.mediaStorageSOPInstanceUID),
    shortElement(0x0010, 'UI', meta.transferSyntaxUID),
    shortElement(0x0012, 'UI', IMPLEMENTATION_CLASS_UID),
    shortElement(0x0013, 'SH', IMPLEMENTATION_VERSION_NAME),
    shortElement(0x0016, 'AE', meta.sourceApplicationEntityTitle),
  ]);

  const groupLengthValue = Buffer.alloc(4);
  groupLengthValue.writeUInt32LE(elements.length, 0);
  const groupLength = shortElementBytes(0x0000, 'UL', groupLengthValue);

  const head = Buffer.concat([Buffer.alloc(PREAMBLE_LENGTH), DICM, groupLength, elements]);
  const file = new Uint8Array(head.length + dataSet.length);
  file.set(head, 0);
  file.set(dataSet, head.length);
  return file;
}

/** Explicit VR LE element with a 16-bit length (PS3.5 7.1.2). */
function shortElement(element: number, vr: 'UI' | 'SH' | 'AE', text: string): Buffer {
  // UI pads with NUL, text VRs with a space, to an even length (PS3.5 6.2).
  const padded = text.length % 2 === 0 ? text : text + (vr === 'UI' ? '\0' : ' ');
  return shortElementBytes(element, vr, Buffer.from(padded, 'ascii'));
}

function shortElementBytes(element: number, vr: string, value: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16LE(0x0002, 0);
  header.writeUInt16LE(element, 2);
  header.write(vr, 4, 'ascii');
  header.writeUInt16LE(value.length, 6);
  return Buffer.concat([header, value]);
}

/** Explicit VR LE element of a VR with a reserved field and a 32-bit length (OB here). */
function longElement(element: number, vr: 'OB', value: Buffer): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16LE(0x0002, 0);
  header.writeUInt16LE(element, 2);
  header.write(vr, 4, 'ascii');
  header.writeUInt32LE(value.length, 8);
  return Buffer.concat([header, value]);
}
