import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import {
  DataSetIdentityError,
  readDataSetIdentity,
} from '@/server/archive/dimse/data-set-identity.js';
import { TransferSyntax } from '@/server/archive/dimse/transfer-syntax.js';

import { readPart10File, requireFixtureFolder } from './support/dicom-fixtures.js';

const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';

/** Explicit VR LE element with a 16-bit length. */
function explicitShort(group: number, element: number, vr: string, value: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt16LE(group, 0);
  header.writeUInt16LE(element, 2);
  header.write(vr, 4, 'ascii');
  header.writeUInt16LE(value.length, 6);
  return Buffer.concat([header, value]);
}

/** Explicit VR LE header of a VR with two reserved bytes and a 32-bit length (SQ, OB...). */
function explicitLongHeader(group: number, element: number, vr: string, length: number) {
  const header = Buffer.alloc(12);
  header.writeUInt16LE(group, 0);
  header.writeUInt16LE(element, 2);
  header.write(vr, 4, 'ascii');
  header.writeUInt32LE(length, 8);
  return header;
}

/** Tag and 32-bit length, as items, delimiters and implicit VR elements are written. */
function tagged(group: number, element: number, length: number, value = Buffer.alloc(0)) {
  const header = Buffer.alloc(8);
  header.writeUInt16LE(group, 0);
  header.writeUInt16LE(element, 2);
  header.writeUInt32LE(length, 4);
  return Buffer.concat([header, value]);
}

const uid = (text: string) => Buffer.from(text.length % 2 ? `${text}\0` : text, 'ascii');
const UNDEFINED = 0xffffffff;

describe('readDataSetIdentity on real files', () => {
  let root: string;
  beforeAll(() => {
    root = requireFixtureFolder('.');
  });

  it.each([
    ['head-ct/CT0001.dcm', TransferSyntax.ExplicitVRLittleEndian],
    ['transfer-syntaxes/implicit_little.dcm', TransferSyntax.ImplicitVRLittleEndian],
    ['transfer-syntaxes/explicit_big.dcm', TransferSyntax.ExplicitVRBigEndian],
    ['transfer-syntaxes/deflated.dcm', TransferSyntax.DeflatedExplicitVRLittleEndian],
    ['head-ct-compressed/jpegls-lossless/CT0001.dcm', TransferSyntax.JPEGLSLossless],
  ])('reads %s', (relative, syntax) => {
    const file = readPart10File(join(root, relative));

    expect(file.meta.get('0002,0010')).toBe(syntax);
    expect(readDataSetIdentity(file.dataSet, syntax)).toEqual({
      sopClassUID: file.meta.get('0002,0002'),
      sopInstanceUID: file.meta.get('0002,0003'),
    });
  });
});

describe('readDataSetIdentity on constructed data sets', () => {
  it('steps over an undefined-length sequence before the SOP UIDs', () => {
    const languageCodeSequence = Buffer.concat([
      explicitLongHeader(0x0008, 0x0006, 'SQ', UNDEFINED),
      tagged(0xfffe, 0xe000, UNDEFINED),
      explicitShort(0x0008, 0x0100, 'SH', Buffer.from('en')),
      tagged(0xfffe, 0xe00d, 0),
      tagged(0xfffe, 0xe000, 4, Buffer.from('abcd')),
      tagged(0xfffe, 0xe0dd, 0),
    ]);
    const dataSet = Buffer.concat([
      languageCodeSequence,
      explicitShort(0x0008, 0x0016, 'UI', uid(SECONDARY_CAPTURE)),
      explicitShort(0x0008, 0x0018, 'UI', uid('1.2.3.4.5')),
    ]);

    expect(readDataSetIdentity(dataSet, TransferSyntax.ExplicitVRLittleEndian)).toEqual({
      sopClassUID: SECONDARY_CAPTURE,
      sopInstanceUID: '1.2.3.4.5',
    });
  });

  it('steps over nested undefined-length sequences in implicit VR', () => {
    const inner = Buffer.concat([
      tagged(0x0008, 0x1115, UNDEFINED),
      tagged(0xfffe, 0xe000, UNDEFINED),
      tagged(0x0008, 0x1150, 4, Buffer.from('1.2\0')),
      tagged(0xfffe, 0xe00d, 0),
      tagged(0xfffe, 0xe0dd, 0),
    ]);
    const dataSet = Buffer.concat([
      tagged(0x0008, 0x0006, UNDEFINED),
      tagged(0xfffe, 0xe000, UNDEFINED),
      inner,
      tagged(0xfffe, 0xe00d, 0),
      tagged(0xfffe, 0xe0dd, 0),
      tagged(0x0008, 0x0016, 26, uid(SECONDARY_CAPTURE)),
      tagged(0x0008, 0x0018, 4, uid('9.8')),
    ]);

    expect(readDataSetIdentity(dataSet, TransferSyntax.ImplicitVRLittleEndian)).toEqual({
      sopClassUID: SECONDARY_CAPTURE,
      sopInstanceUID: '9.8',
    });
  });

  it('names a missing SOP Instance UID', () => {
    const dataSet = explicitShort(0x0008, 0x0016, 'UI', uid(SECONDARY_CAPTURE));

    expect(() => readDataSetIdentity(dataSet, TransferSyntax.ExplicitVRLittleEndian)).toThrow(
      'Data set has no SOP Instance UID (0008,0018)',
    );
  });

  it('names a missing SOP Class UID when the data set skips past it', () => {
    const dataSet = explicitShort(0x0010, 0x0020, 'LO', Buffer.from('ID'));

    expect(() => readDataSetIdentity(dataSet, TransferSyntax.ExplicitVRLittleEndian)).toThrow(
      'Data set has no SOP Class UID (0008,0016)',
    );
  });

  it('refuses an element that runs past the end', () => {
    const dataSet = explicitShort(0x0008, 0x0016, 'UI', uid(SECONDARY_CAPTURE)).subarray(0, 20);

    expect(() => readDataSetIdentity(dataSet, TransferSyntax.ExplicitVRLittleEndian)).toThrow(
      DataSetIdentityError,
    );
  });

  it('refuses deflated bytes that do not inflate', () => {
    expect(() =>
      readDataSetIdentity(Buffer.from('plain text'), TransferSyntax.DeflatedExplicitVRLittleEndian),
    ).toThrow(DataSetIdentityError);
  });
});
