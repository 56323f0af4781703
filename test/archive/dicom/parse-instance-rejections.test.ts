import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { DicomRejection, parseInstance } from '@/server/archive/dicom/index.js';

import { readTestFile } from './support/dicom-test-data.js';
import { element, imageDataSet, part10, TEST_UIDS } from './support/synthetic-dicom.js';

/** Refusals the corpus does not cover, on hand-built objects, and the never-a-bare-error rule. */

const EXPLICIT_LE = '1.2.840.10008.1.2.1';

function image(uids: Partial<typeof TEST_UIDS> = {}, transferSyntax = EXPLICIT_LE): Buffer {
  return part10(
    transferSyntax,
    TEST_UIDS.instance,
    imageDataSet({
      rows: 2,
      columns: 2,
      bitsAllocated: 8,
      frames: 1,
      uids,
      pixelData: element(0x7fe00010, 'OB', new Uint8Array(4)),
    }),
  );
}

function rejectionOf(bytes: Uint8Array): DicomRejection {
  try {
    parseInstance(bytes);
  } catch (error) {
    if (error instanceof DicomRejection) return error;
    throw error;
  }
  throw new Error('parseInstance accepted the object');
}

describe('parseInstance refuses UIDs', () => {
  it.each([
    ['a letter', { study: '1.2.3A.4' }, 'StudyInstanceUID (0020,000D) "1.2.3A.4" contains'],
    ['65 characters', { series: `1.${'2'.repeat(63)}` }, 'is 65 characters long (at most 64)'],
    ['a double dot', { instance: '1.2..3' }, 'has an empty component'],
    ['a trailing dot', { study: '1.2.3.' }, 'has an empty component'],
  ])('with %s as invalid-uid, naming the attribute', (_case, uids, message) => {
    const rejection = rejectionOf(image(uids));

    expect(rejection.code).toBe('invalid-uid');
    expect(rejection.message).toContain(message);
  });

  it('missing at the top level as missing-uid, naming exactly the missing ones', () => {
    const bytes = part10(
      EXPLICIT_LE,
      TEST_UIDS.instance,
      Buffer.concat([
        element(0x00080016, 'UI', '1.2.840.10008.5.1.4.1.1.7'),
        element(0x00080018, 'UI', TEST_UIDS.instance),
        element(0x0020000d, 'UI', TEST_UIDS.study),
      ]),
    );

    const rejection = rejectionOf(bytes);

    expect(rejection.code).toBe('missing-uid');
    expect(rejection.attribute).toBe('SeriesInstanceUID');
    expect(rejection.message).toMatch(/^The data set has no SeriesInstanceUID \(0020,000E\);/);
  });

  it('accepts a leading zero in a component, with a warning', () => {
    const parsed = parseInstance(image({ study: '1.2.840.0123.4' }));

    expect(parsed.StudyInstanceUID).toBe('1.2.840.0123.4');
    expect(parsed.warnings).toContain(
      'StudyInstanceUID 1.2.840.0123.4 has a component with a leading zero (PS3.5 9.1)',
    );
  });
});

describe('parseInstance refuses the container', () => {
  it('an unknown transfer syntax as unsupported-transfer-syntax, naming it', () => {
    const rejection = rejectionOf(image({}, '1.2.3.4.5.6'));

    expect(rejection.code).toBe('unsupported-transfer-syntax');
    expect(rejection.message).toContain('Transfer syntax 1.2.3.4.5.6 is not supported');
  });

  it('a TransferSyntaxUID that is not a UID as corrupt-meta', () => {
    expect(rejectionOf(image({}, 'explicit-le')).code).toBe('corrupt-meta');
  });

  it.each([
    ['nothing', Buffer.alloc(0), 'The object is empty'],
    ['five bytes', Buffer.from('DICOM'), 'only 5 bytes long'],
    ['a gzip archive', gzipSync(Buffer.from('x')), 'gzip archive'],
    ['a PNG', Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), 'not a DICOM data element'],
  ])('%s as not-dicom', (_case, bytes, message) => {
    const rejection = rejectionOf(bytes);

    expect(rejection.code).toBe('not-dicom');
    expect(rejection.message).toContain(message);
  });

  it('accepts "DICM" without preamble, and a meta header without either', () => {
    const complete = image();
    const withoutPreamble = complete.subarray(128);
    const metaOnly = complete.subarray(132);

    expect(parseInstance(withoutPreamble).SOPInstanceUID).toBe(TEST_UIDS.instance);
    expect(parseInstance(metaOnly).SOPInstanceUID).toBe(TEST_UIDS.instance);
    expect(parseInstance(metaOnly).encoding.hasFileMeta).toBe(true);
  });
});

describe('parseInstance refuses damaged data', () => {
  const ct = () => readTestFile('head-ct/CT0060.dcm');

  it.each([
    ['inside the meta header', 150, 'truncated'],
    ['right after the meta header', 342, 'truncated'],
    ['inside an element header', 350, 'truncated'],
    ['inside Pixel Data', 100_000, 'truncated'],
  ])('a head CT slice cut %s as %s', (_case, length, code) => {
    expect(rejectionOf(ct().subarray(0, length)).code).toBe(code);
  });

  it('encapsulated Pixel Data cut inside a fragment or before its delimiter', () => {
    const file = readTestFile('head-ct-compressed/jpegls-lossless/CT0060.dcm');

    expect(rejectionOf(file.subarray(0, file.length - 100)).message).toMatch(
      /inside fragment 1 of the encapsulated pixel data/,
    );
    expect(rejectionOf(file.subarray(0, file.length - 8)).message).toMatch(
      /sequence delimiter is missing/,
    );
  });

  it('native Pixel Data shorter than its frames as corrupt-dataset', () => {
    const bytes = part10(
      EXPLICIT_LE,
      TEST_UIDS.instance,
      imageDataSet({
        rows: 2,
        columns: 2,
        bitsAllocated: 16,
        frames: 2,
        pixelData: element(0x7fe00010, 'OW', new Uint8Array(12)),
      }),
    );

    const rejection = rejectionOf(bytes);

    expect(rejection.code).toBe('corrupt-dataset');
    expect(rejection.message).toContain('holds 12 bytes but 2 frame(s) of 2x2');
  });

  it('a sequence holding something other than items as corrupt-dataset', () => {
    // A defined-length sequence whose value is an element, not an item: walked on ingest.
    const notAnItem = element(0x00081115, 'SQ', element(0x00100010, 'PN', 'X'));
    const bytes = part10(
      EXPLICIT_LE,
      TEST_UIDS.instance,
      imageDataSet({
        rows: 1,
        columns: 1,
        bitsAllocated: 8,
        frames: 1,
        extra: [notAnItem],
        pixelData: element(0x7fe00010, 'OB', new Uint8Array(2)),
      }),
    );

    const rejection = rejectionOf(bytes);

    expect(rejection.code).toBe('corrupt-dataset');
    expect(rejection.message).toContain('Sequence (0008,1115) holds (0010,0010)');
  });
});

describe('parseInstance never throws anything but a DicomRejection', () => {
  // Deterministic damage: every cut point and byte flip below either parses or is refused.
  const files = [
    'pydicom/test_files/CT_small.dcm',
    'pydicom/test_files/rtplan.dcm',
    'dicomparser/testImages/encapsulated/multi-frame/CT0012.fragmented_no_bot_jpeg_ls.81.dcm',
    'pydicom/test_files/image_dfl.dcm',
    'pydicom/charset_files/chrH32.dcm',
  ];

  it.each(files)('%s, cut and flipped at many offsets', (file) => {
    const original = readTestFile(file);
    const step = Math.max(1, Math.floor(original.length / 400));
    const outcomes: string[] = [];

    for (let at = 0; at < original.length; at += step) {
      const flipped = Buffer.from(original);
      flipped[at] = flipped[at]! ^ 0xff;
      for (const damaged of [original.subarray(0, at), flipped]) {
        try {
          parseInstance(damaged);
          outcomes.push('accepted');
        } catch (error) {
          if (!(error instanceof DicomRejection)) {
            throw new Error(`byte ${at}: ${String(error)}`);
          }
          outcomes.push(error.code);
        }
      }
    }

    expect(outcomes).toContain('accepted');
    expect(outcomes.some((outcome) => outcome !== 'accepted')).toBe(true);
  });
});
