/**
 * Which abstract syntaxes (SOP classes) the archive takes part in as an SCP.
 */

export const VERIFICATION_SOP_CLASS = '1.2.840.10008.1.1';

/** Study Root Query/Retrieve Information Model - FIND (PS3.4 C.6.2). */
export const STUDY_ROOT_FIND_SOP_CLASS = '1.2.840.10008.5.1.4.1.2.2.1';

/** Nearly every Storage SOP Class of PS3.4 Annex B lives under this branch. */
const STORAGE_BRANCH = '1.2.840.10008.5.1.4.1.1.';

/** Storage SOP Classes standardised outside the 5.1.4.1.1 branch. */
const STORAGE_OUTSIDE_BRANCH: ReadonlySet<string> = new Set([
  '1.2.840.10008.5.1.4.38.1', // Hanging Protocol Storage
  '1.2.840.10008.5.1.4.39.1', // Color Palette Storage
  '1.2.840.10008.5.1.4.43.1', // Generic Implant Template Storage
  '1.2.840.10008.5.1.4.44.1', // Implant Assembly Template Storage
  '1.2.840.10008.5.1.4.45.1', // Implant Template Group Storage
]);

/**
 * True for a standard Storage SOP Class UID.
 *
 * Limitation: private (vendor) storage SOP classes are refused during negotiation, so a
 * modality that stores raw data under its own SOP class UID cannot push it to the archive.
 * Limitation: Storage Commitment (1.2.840.10008.1.20.1) is refused too, so a modality set to
 * delete its local copy only after commitment keeps it, or flags the transfer as uncommitted.
 */
export function isStorageSOPClass(uid: string): boolean {
  if (STORAGE_OUTSIDE_BRANCH.has(uid)) return true;
  if (!uid.startsWith(STORAGE_BRANCH)) return false;

  // The remainder must be a valid UID tail: digits separated by single dots.
  return /^[0-9]+(\.[0-9]+)*$/.test(uid.slice(STORAGE_BRANCH.length));
}
