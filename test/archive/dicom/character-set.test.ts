import { spawnSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { textDecodingFor } from '@/server/archive/dicom/character-set.js';
import { type PersonName, parseInstance } from '@/server/archive/dicom/index.js';
import { decodeStrings } from '@/server/archive/dicom/value-decoding.js';

import { requireDcmdump } from './support/dcmdump.js';
import { readTestFile, testFilePath } from './support/dicom-test-data.js';

/**
 * PatientName of every character-set file of the corpus. The single-set files were checked
 * against `dcmdump +U8`, which this test also runs. dcmtk cannot convert the ISO 2022 files
 * (its iconv lacks the code extensions), so their names are the examples of PS3.5 Annex H
 * (Japanese), I (Korean) and K (Chinese) the files were made from; Python's iso2022_jp,
 * euc_kr and gb18030 codecs decode the raw bytes to the same strings.
 */
const EXPECTED_PATIENT_NAMES: Array<[file: string, name: PersonName, viaDcmdump: boolean]> = [
  ['edge/charset_french_latin1.dcm', { Alphabetic: 'Ménard^Hélène' }, true],
  ['pydicom/charset_files/chrArab.dcm', { Alphabetic: 'قباني^لنزار' }, true],
  ['pydicom/charset_files/chrFren.dcm', { Alphabetic: 'Buc^Jérôme' }, true],
  ['pydicom/charset_files/chrFrenMulti.dcm', { Alphabetic: 'Buc^Jérôme' }, true],
  ['pydicom/charset_files/chrGerm.dcm', { Alphabetic: 'Äneas^Rüdiger' }, true],
  ['pydicom/charset_files/chrGreek.dcm', { Alphabetic: 'Διονυσιος' }, true],
  ['pydicom/charset_files/chrHbrw.dcm', { Alphabetic: 'שרון^דבורה' }, true],
  // The file really mixes Latin c, e, y, p into the Cyrillic, as pydicom's test expects.
  ['pydicom/charset_files/chrRuss.dcm', { Alphabetic: 'Люкceмбypг' }, true],
  [
    'pydicom/charset_files/chrX1.dcm',
    { Alphabetic: 'Wang^XiaoDong', Ideographic: '王^小東' },
    true,
  ],
  [
    'pydicom/charset_files/chrX2.dcm',
    { Alphabetic: 'Wang^XiaoDong', Ideographic: '王^小东' },
    true,
  ],
  ['pydicom/charset_files/chrKoreanMulti.dcm', { Alphabetic: '김희중' }, true],
  [
    'pydicom/charset_files/chrI2.dcm',
    { Alphabetic: 'Hong^Gildong', Ideographic: '洪^吉洞', Phonetic: '홍^길동' },
    true,
  ],
  [
    'pydicom/charset_files/chrH31.dcm',
    { Alphabetic: 'Yamada^Tarou', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' },
    false,
  ],
  [
    'pydicom/charset_files/chrH32.dcm',
    { Alphabetic: 'ﾔﾏﾀﾞ^ﾀﾛｳ', Ideographic: '山田^太郎', Phonetic: 'やまだ^たろう' },
    false,
  ],
  ['pydicom/charset_files/chrJapMulti.dcm', { Alphabetic: 'やまだ^たろう' }, false],
  ['pydicom/charset_files/chrJapMultiExplicitIR6.dcm', { Alphabetic: 'やまだ^たろう' }, false],
];

function dcmdumpUtf8PatientName(relativePath: string): string {
  const run = spawnSync('dcmdump', ['-q', '+U8', '+P', '0010,0010', testFilePath(relativePath)], {
    encoding: 'utf8',
  });
  const match = /^\(0010,0010\) PN \[(.*)\]/m.exec(run.stdout);
  if (!match) throw new Error(`dcmdump +U8 printed no PatientName for ${relativePath}`);
  return match[1]!;
}

describe('PatientName decoded with the file Specific Character Set', () => {
  it.each(EXPECTED_PATIENT_NAMES)('%s', (file, expected, viaDcmdump) => {
    const parsed = parseInstance(readTestFile(file));

    expect(parsed.PatientName).toEqual(expected);
    if (viaDcmdump) {
      requireDcmdump();
      const groups = [expected.Alphabetic, expected.Ideographic, expected.Phonetic];
      expect(dcmdumpUtf8PatientName(file).replace(/=+$/, '')).toBe(
        groups
          .map((group) => group ?? '')
          .join('=')
          .replace(/=+$/, ''),
      );
    }
  });
});

const bytes = (...values: Array<number | string>) =>
  Uint8Array.from(
    values.flatMap((value) =>
      typeof value === 'string' ? [...Buffer.from(value, 'latin1')] : [value],
    ),
  );
const ESC = 0x1b;

describe('textDecodingFor', () => {
  it('decodes JIS X 0212 after ESC $ ( D (ISO 2022 IR 159)', () => {
    // JIS X 0212 row 16 cell 1 is U+4E02; Python's euc_jp codec agrees.
    const text = textDecodingFor(['', 'ISO 2022 IR 159']);

    expect(text.decode(bytes('A', ESC, '$(D', 0x30, 0x21, ESC, '(B'), false)).toBe('A丂');
  });

  it('decodes GB2312 in G1 after ESC $ ) A (ISO 2022 IR 58)', () => {
    const text = textDecodingFor(['', 'ISO 2022 IR 58']);

    expect(text.decode(bytes(ESC, '$)A', 0xc0, 0xee), false)).toBe('李');
  });

  it('switches the G1 set on ESC - F inside one value', () => {
    const text = textDecodingFor(['ISO 2022 IR 100', 'ISO 2022 IR 144']);

    expect(text.decode(bytes(0xe9, ESC, '-L', 0xe9), false)).toBe('éщ');
  });

  it('goes back to the initial sets at "^" in a person name (PS3.5 6.1.2.5.3)', () => {
    // Cyrillic is designated for the family name only; the given name is Latin-1 again.
    const text = textDecodingFor(['ISO 2022 IR 100', 'ISO 2022 IR 144']);

    expect(text.decode(bytes(ESC, '-L', 0xe9, '^', 0xe9), true)).toBe('щ^é');
    expect(text.decode(bytes(ESC, '-L', 0xe9, '^', 0xe9), false)).toBe('щ^щ');
  });

  it('splits GB18030 values on the backslash only between characters', () => {
    // 乗 is 81 5C in GB18030: its second byte is a backslash that does not separate values.
    const text = textDecodingFor(['GB18030']);

    expect(decodeStrings(bytes(0x81, 0x5c, 0x5c, 'B'), 'LO', text)).toEqual(['乗', 'B']);
  });

  it('reads "ISO-IR 100" as ISO_IR 100, and reports terms it does not know', () => {
    expect(textDecodingFor(['ISO-IR 100']).decode(bytes(0xe9), false)).toBe('é');
    expect(textDecodingFor(['ISO_IR 999']).unknownTerms).toEqual(['ISO_IR 999']);
  });

  it('reads ISO_IR 100 as true ISO 8859-1, not windows-1252', () => {
    expect(textDecodingFor(['ISO_IR 100']).decode(bytes(0x80), false)).toBe('\u0080');
  });
});
