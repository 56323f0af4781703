/**
 * The matching form of a name or a name query: accents removed (NFD, combining marks
 * dropped) and upper-cased, so "Ménard" and "MENARD" and "ménard" meet. The study index
 * stores it in Study.patientNameKey; QIDO-RS normalises queries the same way.
 */
export function patientNameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}
