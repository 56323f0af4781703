import type { DicomRejectionCode } from '@/server/archive/dicom/index.js';

/**
 * Which corpus files the archive must accept and which it must refuse, and why. One row
 * per folder or file; a file takes the row with the longest matching path prefix, so a
 * file row overrides its folder's row. Every corpus file must match a row and every row
 * must match a file (the test checks both), so the table cannot drift from the corpus.
 */
export interface ClassificationRow {
  pattern: string;
  expect: 'accept' | DicomRejectionCode;
  reason: string;
}

export const CLASSIFICATION: ClassificationRow[] = [
  // Folders whose every file is a valid instance.
  { pattern: 'head-ct/', expect: 'accept', reason: '108-slice head CT, Explicit VR LE' },
  {
    pattern: 'head-ct-compressed/',
    expect: 'accept',
    reason: 'same CT series in JPEG-LS, JPEG 2000, RLE and JPEG lossless SV1',
  },
  { pattern: 'brain-mr/', expect: 'accept', reason: '20-slice brain MR series' },
  {
    pattern: 'transfer-syntaxes/',
    expect: 'accept',
    reason: 'one image per syntax: deflate, big endian, implicit, JPEG, JPEG-LS, J2K, RLE',
  },
  {
    pattern: 'dicomparser/testImages/',
    expect: 'accept',
    reason: 'CT/US/SR/ECG in native and encapsulated syntaxes, with and without BOT',
  },
  {
    pattern: 'pydicom/charset_files/',
    expect: 'accept',
    reason: 'the character set examples of PS3.5 Annex H, I, J and K',
  },
  { pattern: 'pydicom/test_files/', expect: 'accept', reason: "pydicom's valid instances" },
  {
    pattern: 'pydicom/test_files/dicomdirtests/',
    expect: 'accept',
    reason: 'CT, MR and CR instances of a DICOM file-set',
  },

  // Odd but legal: accepted.
  {
    pattern: 'edge/charset_french_latin1.dcm',
    expect: 'accept',
    reason: 'PatientName Ménard^Hélène in ISO_IR 100',
  },
  { pattern: 'edge/monochrome1_inverted.dcm', expect: 'accept', reason: 'MONOCHROME1 is legal' },
  {
    pattern: 'edge/no_preamble_no_meta_implicit.dcm',
    expect: 'accept',
    reason: 'bare implicit VR LE data set, as DIMSE-era writers saved them',
  },
  { pattern: 'edge/signed_int16_hu.dcm', expect: 'accept', reason: 'signed pixels are legal' },
  {
    pattern: 'pydicom/test_files/ExplVR_BigEndNoMeta.dcm',
    expect: 'accept',
    reason: 'bare explicit VR big endian data set; the syntax is inferred',
  },
  {
    pattern: 'pydicom/test_files/ExplVR_LitEndNoMeta.dcm',
    expect: 'accept',
    reason: 'bare explicit VR little endian data set; the syntax is inferred',
  },
  {
    pattern: 'pydicom/test_files/rtstruct.dcm',
    expect: 'accept',
    reason: 'bare implicit VR data set with nested sequences',
  },
  {
    pattern: 'pydicom/test_files/badVR.dcm',
    expect: 'accept',
    reason: 'NumberOfFrames "1A" is unreadable: warned, 15 frames inferred from Pixel Data',
  },
  {
    pattern: 'pydicom/test_files/SC_ybr_full_422_uncompressed.dcm',
    expect: 'accept',
    reason: 'native YBR_FULL_422 holds 2 bytes per pixel: 20000 bytes is the whole frame',
  },
  {
    pattern: 'pydicom/test_files/JPEG2000-embedded-sequence-delimiter.dcm',
    expect: 'accept',
    reason: 'a fragment containing FFFE,E0DD bytes is walked by its length, not scanned',
  },

  {
    pattern: 'pydicom/test_files/SC_rgb_jpeg.dcm',
    expect: 'accept',
    reason:
      'meta says JPEG Baseline (explicit VR) but the data set is implicit VR: read ' +
      'element by element as dcmtk would if it dared, with a warning',
  },

  // Refused.
  {
    pattern: 'edge/not_dicom.txt.dcm',
    expect: 'not-dicom',
    reason: 'a line of text',
  },
  {
    pattern: 'pydicom/test_files/zipMR.gz',
    expect: 'not-dicom',
    reason: 'a gzip archive of a DICOM file, not a DICOM file',
  },
  {
    pattern: 'pydicom/test_files/no_meta.dcm',
    expect: 'not-dicom',
    reason: 'a stray 0x20 byte precedes the first element; dcmdump cannot read it either',
  },
  {
    pattern: 'edge/corrupt_garbage_in_meta.dcm',
    expect: 'corrupt-meta',
    reason: 'MediaStorageSOPInstanceUID in the meta header is binary garbage',
  },
  {
    pattern: 'edge/truncated_mid_pixeldata.dcm',
    expect: 'truncated',
    reason: 'file ends 68620 bytes into a 131072-byte Pixel Data',
  },
  {
    pattern: 'pydicom/test_files/MR_truncated.dcm',
    expect: 'truncated',
    reason: 'file ends 8130 bytes into an 8192-byte Pixel Data',
  },
  {
    pattern: 'pydicom/test_files/rtplan_truncated.dcm',
    expect: 'truncated',
    reason: 'file ends inside sequence (300A,00B0)',
  },
  {
    pattern: 'pydicom/test_files/dicomdirtests/DICOMDIR',
    expect: 'dicomdir',
    reason: 'DICOMDIR files (all variants) index a file-set and are not instances',
  },
  {
    pattern: 'pydicom/test_files/dicomdirtests/TINY_ALPHA/DICOMDIR',
    expect: 'dicomdir',
    reason: 'the DICOMDIR of the TINY_ALPHA file-set',
  },
  {
    pattern: 'pydicom/charset_files/chrSQEncoding',
    expect: 'missing-uid',
    reason: 'sequence-charset fragments (both files): no SOP, study or series UIDs',
  },
  {
    pattern: 'pydicom/test_files/UN_sequence.dcm',
    expect: 'missing-uid',
    reason: 'only a private UN sequence; its UIDs are nested, none at the top level',
  },
  {
    pattern: 'pydicom/test_files/empty_charset_LEI.dcm',
    expect: 'missing-uid',
    reason: 'fragment with ImageType and an empty SpecificCharacterSet only',
  },
  {
    pattern: 'pydicom/test_files/meta_missing_tsyntax.dcm',
    expect: 'missing-uid',
    reason: 'meta header without TransferSyntaxUID (inferred), data set has private tags only',
  },
  {
    pattern: 'pydicom/test_files/nested_priv_SQ.dcm',
    expect: 'missing-uid',
    reason: 'nested private sequences and a 2-byte Pixel Data, no UIDs',
  },
  {
    pattern: 'pydicom/test_files/no_meta_group_length.dcm',
    expect: 'missing-uid',
    reason: 'ImageType and creation date/time only',
  },
  {
    pattern: 'pydicom/test_files/priv_SQ.dcm',
    expect: 'missing-uid',
    reason: 'one private sequence, no UIDs',
  },
];

/** The row for a corpus path: the one with the longest matching prefix. */
export function classify(relativePath: string): ClassificationRow | undefined {
  let best: ClassificationRow | undefined;
  for (const row of CLASSIFICATION) {
    if (!relativePath.startsWith(row.pattern)) continue;
    if (!best || row.pattern.length > best.pattern.length) best = row;
  }
  return best;
}
