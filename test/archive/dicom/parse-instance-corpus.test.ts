import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { DicomRejection, parseInstance } from '@/server/archive/dicom/index.js';

import { CLASSIFICATION, classify } from './support/classification.js';
import { dcmdumpUids, type DcmdumpUids, requireDcmdump } from './support/dcmdump.js';
import {
  type ManifestRow,
  missingTestData,
  readManifest,
  readTestFile,
  testFilePath,
} from './support/dicom-test-data.js';

/**
 * Every file of the shared corpus goes through parseInstance and must land where the
 * classification table says: accepted with the attributes dcmdump and the manifest give,
 * or refused with the expected code.
 */

const manifest = readManifest();
const accepted = manifest.filter((row) => classify(row.path)?.expect === 'accept');
const refused = manifest.filter((row) => {
  const expected = classify(row.path)?.expect;
  return expected !== undefined && expected !== 'accept';
});

// Syntax of objects without meta header, as the manifest writes its guess.
const GUESSED_SYNTAX: Record<string, string> = {
  'implicit?LE(no meta)': '1.2.840.10008.1.2',
  'explicit?LE(no meta)': '1.2.840.10008.1.2.1',
  'explicit?BE(no meta)': '1.2.840.10008.1.2.2',
};

// Where the archive's frame count differs from pydicom's, and why.
const FRAME_COUNT_OVERRIDES: Record<string, number> = {
  'pydicom/test_files/badVR.dcm': 15, // NumberOfFrames "1A"; 6000 bytes / 400 per frame
};

// dcmdump trusts a meta header that claims explicit VR over an implicit VR data set and
// gives up; told the syntax, it reads the data set alone (which starts at this offset).
const DCMDUMP_DATA_SET_ONLY: Record<string, number> = {
  'pydicom/test_files/SC_rgb_jpeg.dcm': 0x164,
};

function dcmdumpDataSetOnly(relativePath: string, offset: number): DcmdumpUids | undefined {
  const folder = mkdtempSync(path.join(tmpdir(), 'archipel-dcmdump-'));
  try {
    const file = path.join(folder, 'data-set.bin');
    writeFileSync(file, readTestFile(relativePath).subarray(offset));
    return dcmdumpUids([file], ['-f', '-ti']).get(file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The manifest writes multi-valued character sets as a Python list: "['', 'ISO 2022 IR 87']". */
function manifestCharacterSet(row: ManifestRow): string[] {
  if (row.charset === '') return [];
  if (!row.charset.startsWith('[')) return [row.charset];
  return [...row.charset.matchAll(/'([^']*)'/g)].map((match) => match[1]!);
}

describe('the DICOM corpus', () => {
  it(`is present at the configured path`, () => {
    const missing = missingTestData();
    if (missing) throw new Error(missing);
    expect(manifest.length).toBeGreaterThan(600);
  });

  it('has a classification row for every file, and a file for every row', () => {
    const unclassified = manifest.filter((row) => !classify(row.path)).map((row) => row.path);
    const unused = CLASSIFICATION.filter(
      (row) => !manifest.some((file) => classify(file.path) === row),
    ).map((row) => row.pattern);

    expect(unclassified).toEqual([]);
    expect(unused).toEqual([]);
  });

  it('accepts 584 files and refuses 23', () => {
    expect({ accepted: accepted.length, refused: refused.length }).toEqual({
      accepted: 584,
      refused: 23,
    });
  });
});

describe('parseInstance accepts', () => {
  let dcmdump: Map<string, DcmdumpUids>;

  beforeAll(() => {
    requireDcmdump();
    dcmdump = dcmdumpUids(accepted.map((row) => testFilePath(row.path)));
    for (const [relativePath, offset] of Object.entries(DCMDUMP_DATA_SET_ONLY)) {
      dcmdump.set(testFilePath(relativePath), dcmdumpDataSetOnly(relativePath, offset) ?? {});
    }
  });

  it.each(accepted.map((row) => [row.path, row] as const))('%s', (_path, row) => {
    const parsed = parseInstance(readTestFile(row.path));

    expect({
      SOPClassUID: parsed.SOPClassUID,
      SOPInstanceUID: parsed.SOPInstanceUID,
      StudyInstanceUID: parsed.StudyInstanceUID,
      SeriesInstanceUID: parsed.SeriesInstanceUID,
    }).toEqual(dcmdump.get(testFilePath(row.path)));

    expect(parsed.TransferSyntaxUID).toBe(GUESSED_SYNTAX[row.tsUid] ?? row.tsUid);
    expect(parsed.frameCount).toBe(FRAME_COUNT_OVERRIDES[row.path] ?? Number(row.frames));
    expect(parsed.Modality ?? '').toBe(row.modality);
    expect(parsed.PhotometricInterpretation ?? '').toBe(row.photometric);
    expect(parsed.SpecificCharacterSet).toEqual(manifestCharacterSet(row));
    if (row.rows !== '') expect(parsed.Rows).toBe(Number(row.rows));
    if (row.cols !== '') expect(parsed.Columns).toBe(Number(row.cols));
  });
});

describe('parseInstance refuses', () => {
  it.each(refused.map((row) => [row.path, classify(row.path)!] as const))(
    '%s',
    (path, classification) => {
      let rejection: unknown;
      try {
        parseInstance(readTestFile(path));
      } catch (error) {
        rejection = error;
      }

      expect(rejection, classification.reason).toBeInstanceOf(DicomRejection);
      const { code, message } = rejection as DicomRejection;
      expect({ code }).toEqual({ code: classification.expect });
      // The message reaches integrators through HTTP reasons and logs: printable ASCII.
      expect(message).toMatch(/^[\x20-\x7e]{20,}$/);
    },
  );
});
