import { afterEach, describe, expect, it } from 'vitest';

import { requireDcmtk } from './support/dcmtk.js';
import { DICOM_FIXTURES, requireFixtureFolder } from './support/dicom-fixtures.js';

describe('test preconditions fail loudly instead of skipping', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('names the shared DICOM folder when data is missing', () => {
    expect(() => requireFixtureFolder('no-such-series')).toThrow(
      `DICOM test data missing: ${DICOM_FIXTURES}/no-such-series (from ${DICOM_FIXTURES})`,
    );
  });

  it('says how to install dcmtk when it is missing', () => {
    process.env.PATH = '/nonexistent';

    expect(() => requireDcmtk()).toThrow(/apt-get install dcmtk/);
  });
});
