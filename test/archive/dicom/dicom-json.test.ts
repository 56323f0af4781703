import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import type { DicomJsonSource } from '@/server/archive/dicom/dicom-json.js';
import {
  type BulkDataLocation,
  type DicomJsonAttribute,
  type DicomJsonDataSet,
  parseInstance,
  serializeDicomJson,
  toDicomJson,
} from '@/server/archive/dicom/index.js';
import { readPart10Layout } from '@/server/archive/dicom/part10-layout.js';

import { readOrthancCapture, readTestFile, testFilePath } from './support/dicom-test-data.js';
import { element, imageDataSet, part10, TEST_UIDS } from './support/synthetic-dicom.js';

const bulkDataUri = (tagPath: string, location: BulkDataLocation) =>
  `bulk/${tagPath}?offset=${location.offset}&length=${location.length}`;

function metadataOf(relativePath: string, threshold?: number): DicomJsonDataSet {
  const bytes = readTestFile(relativePath);
  return toDicomJson(bytes, parseInstance(bytes), { bulkDataUri, bulkDataThreshold: threshold });
}

/** For corpus files the archive refuses (no UIDs) but whose encoding is worth testing. */
function metadataOfFragment(relativePath: string): DicomJsonDataSet {
  const bytes = readTestFile(relativePath);
  const layout = readPart10Layout(bytes);
  const source: DicomJsonSource = {
    SpecificCharacterSet: [],
    encoding: {
      explicitVR: layout.transferSyntax.explicitVR,
      littleEndian: layout.transferSyntax.littleEndian,
      encapsulated: false,
      deflated: false,
      hasPreamble: layout.hasPreamble,
      hasFileMeta: true,
      transferSyntaxInferred: false,
      dataSetOffset: layout.dataSetOffset,
    },
  };
  return toDicomJson(bytes, source, { bulkDataUri });
}

/**
 * The attributes of an Orthanc capture. The captures are cut after a few kilobytes, so the
 * body is read attribute by attribute (each closes at four spaces of indent) up to the cut.
 */
function orthancAttributes(captureFile: string): Record<string, DicomJsonAttribute> {
  const capture = Buffer.from(readOrthancCapture(captureFile), 'latin1').toString('utf8');
  const body = capture.split('--- body')[1]!;
  const attributes: Record<string, DicomJsonAttribute> = {};
  for (const match of body.matchAll(/"([0-9A-F]{8})": (\{[\s\S]*?\n {4}\})/g)) {
    attributes[match[1]!] = JSON.parse(match[2]!) as DicomJsonAttribute;
  }
  return attributes;
}

describe('toDicomJson on the head CT', () => {
  it.each([
    ['20_wado_instance_metadata.txt', 'head-ct/CT0060.dcm'],
    ['21_wado_series_metadata.txt', 'head-ct/CT0001.dcm'],
  ])('matches every attribute of Orthanc capture %s (%s)', (capture, file) => {
    const expected = orthancAttributes(capture);
    const metadata = metadataOf(file);

    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(6);
    for (const [key, attribute] of Object.entries(expected)) {
      expect({ [key]: metadata[key] }).toEqual({ [key]: attribute });
    }
  });

  it('gives numbers as numbers and Pixel Data as a bulk data URI with its location', () => {
    const bytes = readTestFile('head-ct/CT0060.dcm');
    const parsed = parseInstance(bytes);
    const metadata = toDicomJson(bytes, parsed, { bulkDataUri });

    expect(metadata['00280010']).toEqual({ vr: 'US', Value: [256] });
    expect(metadata['00200013']).toEqual({ vr: 'IS', Value: [60] });
    expect(metadata['00200032']).toEqual({ vr: 'DS', Value: [-122.5, -122.5, 88.5] });
    expect(metadata['7FE00010']).toEqual({
      vr: 'OW',
      BulkDataURI: `bulk/7FE00010?offset=${parsed.pixelData!.offset}&length=131072`,
    });
  });

  it('leaves out File Meta Information and group lengths', () => {
    const keys = Object.keys(metadataOf('pydicom/test_files/ExplVR_BigEnd.dcm'));

    expect(keys.filter((key) => key.startsWith('0002') || key.endsWith('0000'))).toEqual([]);
    expect(keys).toContain('00280010');
  });
});

describe('toDicomJson text and names', () => {
  it('decodes a Japanese ISO 2022 person name into its three groups', () => {
    const metadata = metadataOf('pydicom/charset_files/chrH31.dcm');

    expect(metadata['00100010']).toEqual({
      vr: 'PN',
      Value: [{ Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' }],
    });
    // CP-2518: the original character set is reported, the empty first value as null.
    expect(metadata['00080005']).toEqual({ vr: 'CS', Value: [null, 'ISO 2022 IR 87'] });
  });

  it('keeps every value of a multi-valued name, and private attributes', () => {
    const metadata = metadataOf('pydicom/charset_files/chrJapMulti.dcm');

    expect(metadata['00101001']).toEqual({
      vr: 'PN',
      Value: [{ Alphabetic: 'やまだ^たろう' }, { Alphabetic: 'やまだ^たろう' }],
    });
    expect(metadata['00190010']).toEqual({ vr: 'LO', Value: ['AGFA'] });
  });

  it('switches character set inside a sequence item that declares its own', () => {
    // Top level UTF-8, item ISO 2022 IR 13 + 87 (chrSQEncoding), and the other way round
    // with the item inheriting the top-level set (chrSQEncoding1).
    const japanese = {
      Alphabetic: 'ﾔﾏﾀﾞ^ﾀﾛｳ',
      Ideographic: '山田^太郎',
      Phonetic: 'やまだ^たろう',
    };
    for (const file of ['chrSQEncoding.dcm', 'chrSQEncoding1.dcm']) {
      const metadata = metadataOfFragment(`pydicom/charset_files/${file}`);
      const [item] = metadata['00321064']!.Value as DicomJsonDataSet[];

      expect(metadata['00321032']).toEqual({ vr: 'PN', Value: [{ Alphabetic: 'Doctor^Who^^MD' }] });
      expect(item!['00100010']).toEqual({ vr: 'PN', Value: [japanese] });
    }
  });

  it('keeps a malformed number as its text rather than dropping it', () => {
    expect(metadataOf('pydicom/test_files/badVR.dcm')['00280008']).toEqual({
      vr: 'IS',
      Value: ['1A'],
    });
  });
});

describe('toDicomJson sequences and VRs', () => {
  it('nests sequences, with VRs from the dictionary for implicit VR data', () => {
    const metadata = metadataOf('pydicom/test_files/rtplan.dcm');
    const fractionGroups = metadata['300A0070']!.Value as DicomJsonDataSet[];
    const [beam] = fractionGroups[0]!['300C0004']!.Value as DicomJsonDataSet[];

    expect(metadata['300A0010']!.Value).toHaveLength(2);
    expect(beam!['300A0084']).toEqual({ vr: 'DS', Value: [1.0275401] });
    expect(beam!['300C0006']).toEqual({ vr: 'IS', Value: [1] });
  });

  it('gives standard attributes written as UN their dictionary VR', () => {
    const metadata = metadataOf('pydicom/test_files/rtdose_rle.dcm');

    expect(metadata['00080018']).toEqual({
      vr: 'UI',
      Value: ['1.9.999.999.99.9.9999.9999.20030818153516'],
    });
  });

  it('reads a UN sequence of undefined length as implicit VR items (CP-246)', () => {
    const metadata = metadataOfFragment('pydicom/test_files/UN_sequence.dcm');
    const [outer] = metadata['4453100C']!.Value as DicomJsonDataSet[];
    const [series] = outer!['00081115']!.Value as DicomJsonDataSet[];

    expect(metadata['4453100C']!.vr).toBe('SQ');
    expect(outer!['0020000D']).toEqual({
      vr: 'UI',
      Value: ['1.2.840.113619.2.327.3.185221411.476.1398588725.795'],
    });
    expect(series!['0020000E']!.Value).toEqual([
      '1.2.840.113619.2.327.3.185221411.476.1398588726.276',
    ]);
  });

  it('recognises a private implicit VR sequence by its first item tag', () => {
    const metadata = metadataOfFragment('pydicom/test_files/priv_SQ.dcm');

    expect(metadata['3F030010']).toEqual({ vr: 'LO', Value: ['aaabbbccc MEDICAL SYSTEMS'] });
    expect(metadata['3F031001']!.vr).toBe('SQ');
    expect(metadata['3F031001']!.Value).toHaveLength(1);
  });

  it('puts large binary values in bulk data, with their path in the sequence tree', () => {
    const metadata = metadataOf('pydicom/test_files/waveform_ecg.dcm');
    const [waveform] = metadata['54000100']!.Value as DicomJsonDataSet[];

    expect(waveform!['54001010']!.BulkDataURI).toMatch(/^bulk\/54000100\/0\/54001010\?/);
  });

  it('inlines binary values up to the threshold, as base64', () => {
    const bytes = part10(
      '1.2.840.10008.1.2.1',
      TEST_UIDS.instance,
      imageDataSet({
        rows: 1,
        columns: 2,
        bitsAllocated: 8,
        frames: 1,
        extra: [element(0x00291010, 'OB', new Uint8Array([1, 2, 3, 4]))],
        pixelData: element(0x7fe00010, 'OB', new Uint8Array([9, 9])),
      }),
    );
    const parsed = parseInstance(bytes);

    expect(toDicomJson(bytes, parsed, { bulkDataUri })['00291010']).toEqual({
      vr: 'OB',
      InlineBinary: 'AQIDBA==',
    });
    expect(toDicomJson(bytes, parsed, { bulkDataUri, bulkDataThreshold: 3 })['00291010']).toEqual({
      vr: 'OB',
      BulkDataURI: expect.stringMatching(/^bulk\/00291010\?/),
    });
  });
});

describe('serializeDicomJson', () => {
  it('writes attributes in tag order, which JSON.stringify does not', () => {
    const metadata = metadataOf('pydicom/test_files/rtdose_rle.dcm');
    const tagsIn = (text: string) => [...text.matchAll(/"([0-9A-F]{8})":/g)].map((m) => m[1]!);

    const ordered = tagsIn(serializeDicomJson(metadata)).filter((tag) => tag in metadata);

    expect(tagsIn(JSON.stringify(metadata))[0]).toBe('30040002');
    expect(ordered).toEqual([...Object.keys(metadata)].sort());
    expect(JSON.parse(serializeDicomJson([metadata]))).toEqual([metadata]);
  });
});

describe('toDicomJson is the same whatever the encoding', () => {
  // Bulk data URIs carry byte offsets, which do differ; the tag path alone is compared.
  const pathOnly = (tagPath: string) => tagPath;
  const model = (bytes: Uint8Array) =>
    toDicomJson(bytes, parseInstance(bytes), { bulkDataUri: pathOnly });

  it.each([
    [
      'dicomparser/testImages/CT1_UNC.explicit_little_endian.dcm',
      'dicomparser/testImages/CT1_UNC.implicit_little_endian.dcm',
    ],
    [
      'dicomparser/testImages/CT1_UNC.explicit_little_endian.dcm',
      'dicomparser/testImages/CT1_UNC.explicit_big_endian.dcm',
    ],
    ['pydicom/test_files/MR_small.dcm', 'pydicom/test_files/MR_small_implicit.dcm'],
    ['pydicom/test_files/MR_small.dcm', 'pydicom/test_files/MR_small_bigendian.dcm'],
    ['pydicom/test_files/rtdose.dcm', 'pydicom/test_files/rtdose_expb.dcm'],
  ])('%s and %s', (reference, other) => {
    // GE private attributes of the implicit CT get their VR from the private dictionary.
    expect(model(readTestFile(other))).toEqual(model(readTestFile(reference)));
  });

  it('for a deflated object and its copy inflated by dcmconv', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'archipel-dcmconv-'));
    try {
      const inflated = path.join(folder, 'inflated.dcm');
      const source = testFilePath('dicomparser/testImages/deflate/report_dfl');
      const run = spawnSync('dcmconv', ['+te', source, inflated]);
      if (run.error || run.status !== 0) throw new Error('dcmconv (dcmtk) failed or is missing');

      const deflated = model(readTestFile('dicomparser/testImages/deflate/report_dfl'));

      expect(deflated['0040A730']!.vr).toBe('SQ');
      expect(deflated).toEqual(model(readFileSync(inflated)));
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
