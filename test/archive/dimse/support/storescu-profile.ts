/**
 * Writes a storescu association profile (-xf FILE PROFILE) that proposes, for each file, its
 * SOP class with exactly the file's own transfer syntax. storescu then sends every data set
 * as stored, which is what the byte-identity checks need.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { readPart10File } from './dicom-fixtures.js';

export const STORESCU_PROFILE = 'ArchipelTest';

export function writeStorescuProfile(folder: string, files: readonly string[]): string {
  const pairs = new Map<string, { sopClassUID: string; transferSyntaxUID: string }>();
  for (const file of files) {
    const { meta } = readPart10File(file);
    const sopClassUID = meta.get('0002,0002') as string;
    const transferSyntaxUID = meta.get('0002,0010') as string;
    pairs.set(`${sopClassUID}\\${transferSyntaxUID}`, { sopClassUID, transferSyntaxUID });
  }

  const syntaxes = [...new Set([...pairs.values()].map((pair) => pair.transferSyntaxUID))];
  const lines = ['[[TransferSyntaxes]]'];
  syntaxes.forEach((uid, index) => lines.push(`[TS${index}]`, `TransferSyntax1 = ${uid}`));

  lines.push('[[PresentationContexts]]', '[Contexts]');
  [...pairs.values()].forEach((pair, index) => {
    const syntax = `TS${syntaxes.indexOf(pair.transferSyntaxUID)}`;
    lines.push(`PresentationContext${index + 1} = ${pair.sopClassUID}\\${syntax}`);
  });

  lines.push('[[Profiles]]', `[${STORESCU_PROFILE}]`, 'PresentationContexts = Contexts');
  const path = join(folder, 'storescu-profile.cfg');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
