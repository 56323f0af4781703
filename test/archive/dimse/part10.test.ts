import { describe, expect, it } from 'vitest';

import { IMPLEMENTATION_CLASS_UID } from '@/server/archive/dimse/implementation.js';
import { buildPart10 } from '@/server/archive/dimse/part10.js';

import { readPart10 } from './support/dicom-fixtures.js';

describe('buildPart10', () => {
  const meta = {
    mediaStorageSOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
    mediaStorageSOPInstanceUID: '1.2.3.456', // odd length: padded with NUL
    transferSyntaxUID: '1.2.840.10008.1.2.4.80',
    sourceApplicationEntityTitle: 'CT1', // odd length: padded with a space
  };
  const dataSet = Buffer.from([0x08, 0x00, 0x16, 0x00, 1, 2, 3, 4]);

  it('writes preamble, DICM, group 0002, then the data set untouched', () => {
    const file = buildPart10(meta, dataSet);
    const view = readPart10(file);

    expect(file.subarray(0, 128).every((byte) => byte === 0)).toBe(true);
    expect(Buffer.from(file.subarray(128, 132)).toString('ascii')).toBe('DICM');
    expect(view.dataSet).toEqual(dataSet);
    expect(view.groupLength).toBe(view.dataSetOffset - 144);
  });

  it('names the instance, syntax, implementation and sending AE', () => {
    const view = readPart10(buildPart10(meta, dataSet));

    expect(Object.fromEntries(view.meta)).toEqual({
      '0002,0000': expect.any(String),
      '0002,0001': Buffer.from([0, 1]),
      '0002,0002': meta.mediaStorageSOPClassUID,
      '0002,0003': meta.mediaStorageSOPInstanceUID,
      '0002,0010': meta.transferSyntaxUID,
      '0002,0012': IMPLEMENTATION_CLASS_UID,
      '0002,0013': 'ARCHIPEL_1',
      '0002,0016': 'CT1',
    });
  });

  it('pads odd values to even lengths as PS3.5 requires', () => {
    const file = Buffer.from(buildPart10(meta, dataSet));

    expect(file.includes(Buffer.from('1.2.3.456\0'))).toBe(true);
    expect(file.includes(Buffer.from('CT1 '))).toBe(true);
  });

  it('uses a UUID-derived implementation class UID under 2.25', () => {
    expect(IMPLEMENTATION_CLASS_UID).toMatch(/^2\.25\.[1-9][0-9]{0,38}$/);
    expect(BigInt(IMPLEMENTATION_CLASS_UID.slice(5)) < 2n ** 128n).toBe(true);
  });
});
