/**
 * DICOM Upper Layer protocol data units (PS3.8 section 9.3), as values.
 *
 * pdu-decode.ts and pdu-encode.ts translate between these and bytes; nothing else in the
 * server touches raw PDU layout.
 */

export const PduType = {
  AssociateRq: 0x01,
  AssociateAc: 0x02,
  AssociateRj: 0x03,
  PData: 0x04,
  ReleaseRq: 0x05,
  ReleaseRp: 0x06,
  Abort: 0x07,
} as const;

/** The only application context name DICOM defines (PS3.7 Annex A.2.1). */
export const DICOM_APPLICATION_CONTEXT = '1.2.840.10008.3.1.1.1';

/** Bytes before a PDU's variable field: type, reserved, 32-bit big endian length. */
export const PDU_HEADER_LENGTH = 6;

/** Bytes before the fragment inside a PDV item: 32-bit length, context id, control header. */
export const PDV_HEADER_LENGTH = 6;

export interface ProposedPresentationContext {
  id: number;
  abstractSyntax: string;
  transferSyntaxes: string[];
}

export interface UserInformation {
  /** 0 means the peer accepts P-DATA-TF PDUs of any length. */
  maxPduLength: number;
  implementationClassUID?: string;
  implementationVersionName?: string;
}

export interface AssociateRq {
  type: 'associate-rq';
  protocolVersion: number;
  calledAE: string;
  callingAE: string;
  applicationContext: string;
  presentationContexts: ProposedPresentationContext[];
  userInformation: UserInformation;
}

/** Result values of a presentation context in an A-ASSOCIATE-AC (PS3.8 Table 9-18). */
export const PresentationContextResult = {
  Acceptance: 0,
  UserRejection: 1,
  NoReason: 2,
  AbstractSyntaxNotSupported: 3,
  TransferSyntaxesNotSupported: 4,
} as const;

export type PresentationContextResultValue =
  (typeof PresentationContextResult)[keyof typeof PresentationContextResult];

export interface NegotiatedPresentationContext {
  id: number;
  result: PresentationContextResultValue;
  abstractSyntax: string;
  /** Meaningful only when result is Acceptance. */
  transferSyntax: string;
}

export interface AssociateAc {
  type: 'associate-ac';
  calledAE: string;
  callingAE: string;
  presentationContexts: NegotiatedPresentationContext[];
  userInformation: Required<UserInformation>;
}

/**
 * Why an association is refused. Each reason belongs to one source in PS3.8 Table 9-21;
 * pdu-encode.ts holds the numeric (source, reason) pairs.
 */
export type AssociateRjReason =
  | 'no-reason-given'
  | 'application-context-name-not-supported'
  | 'calling-ae-not-recognized'
  | 'called-ae-not-recognized'
  | 'protocol-version-not-supported'
  | 'temporary-congestion'
  | 'local-limit-exceeded';

export interface AssociateRj {
  type: 'associate-rj';
  /** A transient rejection tells the peer it may try again later. */
  permanent: boolean;
  reason: AssociateRjReason;
}

/** One presentation data value: a fragment of a DIMSE command or data set. */
export interface Pdv {
  presentationContextId: number;
  isCommand: boolean;
  isLast: boolean;
  fragment: Uint8Array;
}

export interface PData {
  type: 'p-data';
  pdvs: Pdv[];
}

export interface ReleaseRq {
  type: 'release-rq';
}

export interface ReleaseRp {
  type: 'release-rp';
}

/** Why an association was aborted (PS3.8 Table 9-26); meaningful for provider aborts only. */
export type AbortReason =
  | 'reason-not-specified'
  | 'unrecognized-pdu'
  | 'unexpected-pdu'
  | 'unrecognized-pdu-parameter'
  | 'unexpected-pdu-parameter'
  | 'invalid-pdu-parameter-value';

export interface Abort {
  type: 'abort';
  source: 'service-user' | 'service-provider';
  reason: AbortReason;
}

export type Pdu = AssociateRq | AssociateAc | AssociateRj | PData | ReleaseRq | ReleaseRp | Abort;
