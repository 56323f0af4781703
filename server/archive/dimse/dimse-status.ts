/**
 * DIMSE status values the archive sends (PS3.7 Annex C, PS3.4 B.2.3 and C.4.1.1.4).
 */
export const DimseStatus = {
  Success: 0x0000,

  /** C-STORE warnings: the instance was stored, with a caveat the modality should log. */
  CoercionOfDataElements: 0xb000,
  DataSetDoesNotMatchSOPClassWarning: 0xb007,
  ElementsDiscarded: 0xb006,

  /** The archive already holds this SOP Instance; sent only when onStore says so. */
  DuplicateSOPInstance: 0x0111,

  /** Refused: Out of Resources. The modality may retry later. */
  OutOfResources: 0xa700,
  /** Error: Data Set does not match SOP Class. */
  DataSetDoesNotMatchSOPClass: 0xa900,
  /** Error: Cannot understand. */
  CannotUnderstand: 0xc000,

  /** Refused: SOP Class not supported on this presentation context. */
  SOPClassNotSupported: 0x0122,
  /** The command is not one the archive performs on this SOP class. */
  UnrecognizedOperation: 0x0211,

  /** C-FIND: more matches follow. */
  Pending: 0xff00,
  /** C-FIND failure: the identifier does not fit the SOP class (bad level, bad key value). */
  IdentifierDoesNotMatchSOPClass: 0xa900,
  /** C-FIND failure: the archive could not run the query. */
  UnableToProcess: 0xc001,
} as const;

/** Failure statuses may carry an Error Comment (0000,0902); success and pending may not. */
export function statusCarriesErrorComment(status: number): boolean {
  return status !== DimseStatus.Success && (status & 0xff00) !== 0xff00;
}

/** Status category used in log lines, following PS3.7 C.1. */
export function statusCategory(status: number): 'success' | 'warning' | 'pending' | 'failure' {
  if (status === DimseStatus.Success) return 'success';
  if (status === 0xff00 || status === 0xff01) return 'pending';
  if (status === 0x0001 || (status & 0xf000) === 0xb000 || status === 0x0107) return 'warning';
  if (status === 0x0116) return 'warning';
  return 'failure';
}
