import { readdirSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { getFrames, parseInstance, toDicomJson } from '@/server/archive/dicom/index.js';

import { missingTestData, readTestFile, testFilePath } from './support/dicom-test-data.js';

/**
 * Guards against gross regressions (a copy of Pixel Data, a quadratic walk), not a
 * benchmark: the bounds are about fifty times what a 2-core CI machine measures (about
 * 20 microseconds to parse a head CT slice, 150 to build its metadata).
 */

function meanMilliseconds(rounds: number, work: () => void): number {
  work(); // warm-up: the first round pays for JIT compilation and the dictionary load
  const start = performance.now();
  for (let i = 0; i < rounds; i += 1) work();
  return (performance.now() - start) / rounds;
}

describe('ingest and serving speed on the 108-slice head CT', () => {
  const slices = () => {
    const missing = missingTestData();
    if (missing) throw new Error(missing);
    return readdirSync(testFilePath('head-ct')).map((name) => readTestFile(`head-ct/${name}`));
  };

  it('parses a slice for the index in well under a millisecond', () => {
    const files = slices();

    const perSlice =
      meanMilliseconds(5, () => files.forEach((file) => parseInstance(file))) / files.length;

    expect(perSlice).toBeLessThan(1);
  });

  it('builds WADO-RS metadata and frames of a slice in a few milliseconds', () => {
    const files = slices().map((bytes) => ({ bytes, parsed: parseInstance(bytes) }));
    const bulkDataUri = (tagPath: string) => tagPath;

    const perSlice =
      meanMilliseconds(3, () => {
        for (const { bytes, parsed } of files) {
          toDicomJson(bytes, parsed, { bulkDataUri });
          getFrames(bytes, parsed, [1]);
        }
      }) / files.length;

    expect(perSlice).toBeLessThan(5);
  });
});
