/**
 * Numeric codes of A-ASSOCIATE-RJ and A-ABORT fields (PS3.8 Tables 9-21 and 9-26), shared by
 * the encoder and the decoder so the two cannot disagree.
 */
import type { AbortReason, AssociateRjReason } from './pdu.js';

/** [source, reason] on the wire for each rejection reason. */
export const ASSOCIATE_RJ_CODES: Record<AssociateRjReason, readonly [1 | 2 | 3, number]> = {
  'no-reason-given': [1, 1],
  'application-context-name-not-supported': [1, 2],
  'calling-ae-not-recognized': [1, 3],
  'called-ae-not-recognized': [1, 7],
  'protocol-version-not-supported': [2, 2],
  'temporary-congestion': [3, 1],
  'local-limit-exceeded': [3, 2],
};

export function associateRjReasonFromCodes(source: number, reason: number): AssociateRjReason {
  for (const [name, [s, r]] of Object.entries(ASSOCIATE_RJ_CODES)) {
    if (s === source && r === reason) return name as AssociateRjReason;
  }

  // A provider rejection with "no reason" (source 2, reason 1) reads the same to a caller.
  return 'no-reason-given';
}

export const ABORT_REASON_CODES: Record<AbortReason, number> = {
  'reason-not-specified': 0,
  'unrecognized-pdu': 1,
  'unexpected-pdu': 2,
  'unrecognized-pdu-parameter': 4,
  'unexpected-pdu-parameter': 5,
  'invalid-pdu-parameter-value': 6,
};

export function abortReasonFromCode(code: number): AbortReason {
  const found = Object.entries(ABORT_REASON_CODES).find(([, value]) => value === code);
  return (found?.[0] as AbortReason | undefined) ?? 'reason-not-specified';
}

/** Item types inside A-ASSOCIATE-RQ/AC variable fields (PS3.8 9.3.2 and Annex D). */
export const ItemType = {
  ApplicationContext: 0x10,
  PresentationContextRq: 0x20,
  PresentationContextAc: 0x21,
  AbstractSyntax: 0x30,
  TransferSyntax: 0x40,
  UserInformation: 0x50,
  MaximumLength: 0x51,
  ImplementationClassUID: 0x52,
  ImplementationVersionName: 0x55,
} as const;
