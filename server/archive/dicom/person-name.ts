/**
 * A Person Name (PN) value split into its three component groups (PS3.5 6.2.1), the shape
 * of the DICOM JSON Model (PS3.18 F.2.2). Components inside a group stay '^'-separated, as
 * QIDO matching and display both want them.
 */
export interface PersonName {
  Alphabetic?: string;
  Ideographic?: string;
  Phonetic?: string;
}

/** Undefined when every group is empty ("", "==" and the like). */
export function parsePersonName(value: string): PersonName | undefined {
  const [alphabetic, ideographic, phonetic] = value.split('=');
  const name: PersonName = {};
  if (alphabetic) name.Alphabetic = alphabetic.trimEnd();
  if (ideographic) name.Ideographic = ideographic.trimEnd();
  if (phonetic) name.Phonetic = phonetic.trimEnd();
  if (!name.Alphabetic) delete name.Alphabetic;
  if (!name.Ideographic) delete name.Ideographic;
  if (!name.Phonetic) delete name.Phonetic;
  return Object.keys(name).length === 0 ? undefined : name;
}

/** Back to the DICOM string form, e.g. "Yamada^Tarou=山田^太郎=やまだ^たろう". */
export function formatPersonName(name: PersonName): string {
  const groups = [name.Alphabetic ?? '', name.Ideographic ?? '', name.Phonetic ?? ''];
  while (groups.length > 1 && groups[groups.length - 1] === '') groups.pop();
  return groups.join('=');
}
