import { randomInt } from 'node:crypto';

import { parseInstance } from '../../server/archive/dicom/index.js';

/**
 * A copy of a series under new Study, Series and SOP Instance UIDs, so each STOW run stores
 * new instances instead of finding them already archived.
 *
 * Each UID is replaced by a random `2.25.` UID of the same length wherever its text occurs,
 * so no element length changes and the files stay valid. Longer UIDs go first and a match
 * must not continue with a digit or a dot, so a study UID that prefixes its series UIDs
 * is not replaced inside them.
 */
export function withFreshUids(files: readonly Buffer[]): Buffer[] {
  const uids = new Set<string>();
  for (const file of files) {
    const parsed = parseInstance(file);
    uids.add(parsed.StudyInstanceUID).add(parsed.SeriesInstanceUID).add(parsed.SOPInstanceUID);
  }
  const replacements = [...uids]
    .sort((a, b) => b.length - a.length)
    .map((uid) => [Buffer.from(uid, 'latin1'), Buffer.from(randomUidOfLength(uid.length))]);

  return files.map((original) => {
    const copy = Buffer.from(original);
    for (const [from, to] of replacements) replaceWhole(copy, from!, to!);
    return copy;
  });
}

/** A random `2.25.` UID of exactly `length` characters. */
export function randomUidOfLength(length: number): string {
  if (length < 8) throw new Error(`UID too short to replace in place (${length} characters)`);
  let digits = String(randomInt(1, 10));
  while (digits.length < length - 5) digits += String(randomInt(0, 10));
  return `2.25.${digits}`;
}

/** A copy of `bytes` with every whole occurrence of UID `from` replaced by `to`. */
export function withUidReplaced(bytes: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('UIDs replaced in place must have one length');
  const copy = Buffer.from(bytes);
  replaceWhole(copy, Buffer.from(from, 'latin1'), Buffer.from(to, 'latin1'));
  return copy;
}

function replaceWhole(buffer: Buffer, from: Buffer, to: Buffer): void {
  const partOfUid = (byte: number | undefined) =>
    byte !== undefined && (byte === 0x2e || (byte >= 0x30 && byte <= 0x39));
  for (let at = buffer.indexOf(from); at !== -1; at = buffer.indexOf(from, at + from.length)) {
    if (partOfUid(buffer[at - 1]) || partOfUid(buffer[at + from.length])) continue;
    to.copy(buffer, at);
  }
}
