import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED_DIR } from '../../../support/shared';

/**
 * The shared DICOM test corpus (../shared/dicom beside the checkout, described by its
 * README.md). Tests that need it must fail, not skip, when it is absent, so a CI run without
 * it cannot pass by testing nothing. ARCHIPEL_DICOM_TEST_DATA points elsewhere when the
 * corpus moves.
 */
export const DICOM_TEST_DATA = process.env.ARCHIPEL_DICOM_TEST_DATA ?? `${SHARED_DIR}/dicom`;

export interface ManifestRow {
  path: string;
  size: number;
  sha256: string;
  modality: string;
  /** A UID, or a guess like "implicit?LE(no meta)" for objects without meta header. */
  tsUid: string;
  tsName: string;
  rows: string;
  cols: string;
  /** Frames pydicom counted: "0" without pixel data; "1A" for badVR.dcm. */
  frames: string;
  photometric: string;
  charset: string;
  notes: string;
}

/** Why the corpus cannot be used, or undefined when it is there. */
export function missingTestData(): string | undefined {
  const manifest = path.join(DICOM_TEST_DATA, 'MANIFEST.tsv');
  if (existsSync(manifest)) return undefined;
  return (
    `DICOM test data is missing: ${manifest} does not exist. These tests need the shared ` +
    'corpus ../shared/dicom (or ARCHIPEL_DICOM_TEST_DATA pointing at a copy).'
  );
}

/** Manifest rows, or [] when the corpus is absent (the caller's presence test then fails). */
export function readManifest(): ManifestRow[] {
  if (missingTestData()) return [];
  const text = readFileSync(path.join(DICOM_TEST_DATA, 'MANIFEST.tsv'), 'utf8');
  const [header, ...lines] = text.trimEnd().split('\n');
  const columns = header!.split('\t');
  const at = (cells: string[], name: string) => cells[columns.indexOf(name)] ?? '';

  return lines.map((line) => {
    const cells = line.split('\t');
    return {
      path: at(cells, 'path'),
      size: Number(at(cells, 'size')),
      sha256: at(cells, 'sha256'),
      modality: at(cells, 'modality'),
      tsUid: at(cells, 'ts_uid'),
      tsName: at(cells, 'ts_name'),
      rows: at(cells, 'rows'),
      cols: at(cells, 'cols'),
      frames: at(cells, 'frames'),
      photometric: at(cells, 'photometric'),
      charset: at(cells, 'charset'),
      notes: at(cells, 'notes'),
    };
  });
}

/** A corpus file; throws naming the file and the corpus when it is not there. */
export function readTestFile(relativePath: string): Buffer {
  const missing = missingTestData();
  if (missing) throw new Error(`${missing} (wanted ${relativePath})`);
  return readFileSync(path.join(DICOM_TEST_DATA, relativePath));
}

export function testFilePath(relativePath: string): string {
  return path.join(DICOM_TEST_DATA, relativePath);
}

/** Orthanc's DICOMweb answers for the head CT, captured once: the behaviour to match. */
export const ORTHANC_CAPTURES =
  process.env.ARCHIPEL_ORTHANC_CAPTURES ?? `${SHARED_DIR}/reference/orthanc-dicomweb`;

export function readOrthancCapture(name: string): string {
  const file = path.join(ORTHANC_CAPTURES, name);
  if (!existsSync(file)) {
    throw new Error(`Orthanc reference capture ${file} is missing; these tests compare with it`);
  }
  return readFileSync(file, 'latin1');
}
