/**
 * The shared real DICOM files (../shared/dicom) and helpers to look inside Part 10 files.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DIR } from '../../../support/shared';

export const DICOM_FIXTURES = `${SHARED_DIR}/dicom`;

/** Fails, rather than skips, when the shared data set is absent. */
export function requireFixtureFolder(relative: string): string {
  const folder = join(DICOM_FIXTURES, relative);
  if (!existsSync(folder)) {
    throw new Error(`DICOM test data missing: ${folder} (from ${DICOM_FIXTURES}) does not exist`);
  }
  return folder;
}

export function dicomFilesIn(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.dcm'))
    .sort()
    .map((name) => join(folder, name));
}

export interface Part10View {
  meta: Map<string, string | Buffer>;
  /** (0002,0000) as written in the file. */
  groupLength: number;
  /** Offset where the data set starts, found by walking group 0002 element by element. */
  dataSetOffset: number;
  dataSet: Buffer;
}

/** Walks the explicit VR LE File Meta Information of a Part 10 file. */
export function readPart10(bytes: Uint8Array): Part10View {
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (file.toString('ascii', 128, 132) !== 'DICM') throw new Error('No DICM prefix at byte 128');

  const meta = new Map<string, string | Buffer>();
  let offset = 132;
  let groupLength = -1;
  while (offset < file.length && file.readUInt16LE(offset) === 0x0002) {
    const element = file.readUInt16LE(offset + 2);
    const vr = file.toString('ascii', offset + 4, offset + 6);
    const long = ['OB', 'OW', 'UN', 'SQ', 'UT', 'UC', 'UR'].includes(vr);
    const length = long ? file.readUInt32LE(offset + 8) : file.readUInt16LE(offset + 6);
    const start = offset + (long ? 12 : 8);
    const value = file.subarray(start, start + length);

    const tag = `0002,${element.toString(16).padStart(4, '0')}`;
    if (element === 0x0000) groupLength = value.readUInt32LE(0);
    meta.set(tag, vr === 'OB' ? value : value.toString('latin1').replace(/[\0 ]+$/, ''));
    offset = start + length;
  }

  return { meta, groupLength, dataSetOffset: offset, dataSet: file.subarray(offset) };
}

export function readPart10File(path: string): Part10View {
  return readPart10(readFileSync(path));
}
