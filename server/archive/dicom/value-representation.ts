// VRs whose explicit VR header has a 16-bit length (PS3.5 7.1.2, table 7.1-2). Every other VR,
// including ones defined after this list, has two reserved bytes and a 32-bit length.
const SHORT_LENGTH_VRS: ReadonlySet<string> = new Set([
  'AE',
  'AS',
  'AT',
  'CS',
  'DA',
  'DS',
  'DT',
  'FL',
  'FD',
  'IS',
  'LO',
  'LT',
  'PN',
  'SH',
  'SL',
  'SS',
  'ST',
  'TM',
  'UI',
  'UL',
  'US',
]);

/** Whether an explicit VR element of this VR carries a 32-bit length after 2 reserved bytes. */
export function hasLongExplicitLength(vr: string): boolean {
  return !SHORT_LENGTH_VRS.has(vr);
}
