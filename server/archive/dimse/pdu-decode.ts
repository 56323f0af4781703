/**
 * Bytes to PDU values (PS3.8 section 9.3). Input is one whole PDU as cut by pdu-framer.ts.
 *
 * Every length read from the wire is checked against the bytes actually present, because the
 * peer may be a port scanner or a broken device rather than a modality.
 */
import { abortReasonFromCode, associateRjReasonFromCodes, ItemType } from './pdu-codes.js';
import {
  PDU_HEADER_LENGTH,
  PduType,
  type AbortReason,
  type AssociateAc,
  type AssociateRq,
  type NegotiatedPresentationContext,
  type Pdu,
  type Pdv,
  type PresentationContextResultValue,
  type ProposedPresentationContext,
  type UserInformation,
} from './pdu.js';

/** A PDU the server cannot accept; the association answers it with an A-ABORT. */
export class PduDecodeError extends Error {
  constructor(
    readonly abortReason: AbortReason,
    message: string,
  ) {
    super(message);
    this.name = 'PduDecodeError';
  }
}

/**
 * Parses one whole PDU.
 *
 * @throws PduDecodeError carrying the A-ABORT reason to answer with.
 */
export function decodePdu(bytes: Uint8Array): Pdu {
  const pdu = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (pdu.length < PDU_HEADER_LENGTH) {
    throw new PduDecodeError('invalid-pdu-parameter-value', 'PDU shorter than its header');
  }
  const body = pdu.subarray(PDU_HEADER_LENGTH);

  switch (pdu[0]) {
    case PduType.AssociateRq:
      return decodeAssociateRq(body);
    case PduType.AssociateAc:
      return decodeAssociateAc(body);
    case PduType.AssociateRj:
      requireLength(body, 4, 'A-ASSOCIATE-RJ');
      return {
        type: 'associate-rj',
        permanent: body[1] === 1,
        reason: associateRjReasonFromCodes(body[2], body[3]),
      };
    case PduType.PData:
      return { type: 'p-data', pdvs: decodePdvs(body) };
    case PduType.ReleaseRq:
      return { type: 'release-rq' };
    case PduType.ReleaseRp:
      return { type: 'release-rp' };
    case PduType.Abort:
      requireLength(body, 4, 'A-ABORT');
      return {
        type: 'abort',
        source: body[2] === 0 ? 'service-user' : 'service-provider',
        reason: abortReasonFromCode(body[3]),
      };
    default:
      throw new PduDecodeError('unrecognized-pdu', `Unknown PDU type 0x${hex(pdu[0])}`);
  }
}

function decodePdvs(body: Buffer): Pdv[] {
  const pdvs: Pdv[] = [];
  let offset = 0;

  while (offset < body.length) {
    requireLength(body, offset + 4, 'PDV item length');
    const itemLength = body.readUInt32BE(offset);
    // Two bytes of the item are the context id and the message control header.
    if (itemLength < 2 || offset + 4 + itemLength > body.length) {
      throw new PduDecodeError('invalid-pdu-parameter-value', 'PDV item length out of bounds');
    }
    const control = body[offset + 5];
    pdvs.push({
      presentationContextId: body[offset + 4],
      isCommand: (control & 0x01) !== 0,
      isLast: (control & 0x02) !== 0,
      fragment: body.subarray(offset + 6, offset + 4 + itemLength),
    });
    offset += 4 + itemLength;
  }

  if (pdvs.length === 0) {
    throw new PduDecodeError('invalid-pdu-parameter-value', 'P-DATA-TF without any PDV item');
  }
  return pdvs;
}

interface Item {
  type: number;
  body: Buffer;
}

/** Split a run of items with 16-bit lengths: type, reserved, length, value. */
function readItems(bytes: Buffer, where: string): Item[] {
  const items: Item[] = [];
  let offset = 0;

  while (offset < bytes.length) {
    requireLength(bytes, offset + 4, where);
    const length = bytes.readUInt16BE(offset + 2);
    requireLength(bytes, offset + 4 + length, where);
    items.push({ type: bytes[offset], body: bytes.subarray(offset + 4, offset + 4 + length) });
    offset += 4 + length;
  }
  return items;
}

interface AssociateCommon {
  protocolVersion: number;
  calledAE: string;
  callingAE: string;
  items: Item[];
}

function decodeAssociateCommon(body: Buffer, where: string): AssociateCommon {
  requireLength(body, 68, where);
  return {
    protocolVersion: body.readUInt16BE(0),
    calledAE: body.subarray(4, 20).toString('latin1').trim(),
    callingAE: body.subarray(20, 36).toString('latin1').trim(),
    items: readItems(body.subarray(68), where),
  };
}

function decodeAssociateRq(body: Buffer): AssociateRq {
  const common = decodeAssociateCommon(body, 'A-ASSOCIATE-RQ');
  const presentationContexts: ProposedPresentationContext[] = [];
  let applicationContext = '';
  let userInformation: UserInformation = { maxPduLength: 0 };

  for (const { type, body: value } of common.items) {
    if (type === ItemType.ApplicationContext) applicationContext = uidText(value);
    if (type === ItemType.UserInformation) userInformation = decodeUserInformation(value);
    if (type === ItemType.PresentationContextRq) {
      requireLength(value, 4, 'presentation context item');
      const subItems = readItems(value.subarray(4), 'presentation context item');
      presentationContexts.push({
        id: value[0],
        abstractSyntax: uidText(subItems.find((s) => s.type === ItemType.AbstractSyntax)?.body),
        transferSyntaxes: subItems
          .filter((s) => s.type === ItemType.TransferSyntax)
          .map((s) => uidText(s.body)),
      });
    }
  }

  return {
    type: 'associate-rq',
    protocolVersion: common.protocolVersion,
    calledAE: common.calledAE,
    callingAE: common.callingAE,
    applicationContext,
    presentationContexts,
    userInformation,
  };
}

function decodeAssociateAc(body: Buffer): AssociateAc {
  const common = decodeAssociateCommon(body, 'A-ASSOCIATE-AC');
  const presentationContexts: NegotiatedPresentationContext[] = [];
  let userInformation: UserInformation = { maxPduLength: 0 };

  for (const { type, body: value } of common.items) {
    if (type === ItemType.UserInformation) userInformation = decodeUserInformation(value);
    if (type === ItemType.PresentationContextAc) {
      requireLength(value, 4, 'presentation context item');
      const subItems = readItems(value.subarray(4), 'presentation context item');
      presentationContexts.push({
        id: value[0],
        result: value[2] as PresentationContextResultValue,
        // The A-ASSOCIATE-AC does not repeat the abstract syntax; the requestor knows it by id.
        abstractSyntax: '',
        transferSyntax: uidText(subItems.find((s) => s.type === ItemType.TransferSyntax)?.body),
      });
    }
  }

  return {
    type: 'associate-ac',
    calledAE: common.calledAE,
    callingAE: common.callingAE,
    presentationContexts,
    userInformation: {
      maxPduLength: userInformation.maxPduLength,
      implementationClassUID: userInformation.implementationClassUID ?? '',
      implementationVersionName: userInformation.implementationVersionName ?? '',
    },
  };
}

function decodeUserInformation(value: Buffer): UserInformation {
  const info: UserInformation = { maxPduLength: 0 };

  // Sub-items the server does not negotiate (role selection, asynchronous operations window,
  // extended negotiation, user identity) are read past; answering none of them means the
  // defaults of PS3.7 Annex D apply.
  // Limitation: user identity (user name, Kerberos, JWT) is ignored, so an SCU that insists
  // on a positive identity response fails to associate, and identity cannot feed the policy.
  for (const sub of readItems(value, 'user information item')) {
    if (sub.type === ItemType.MaximumLength) {
      requireLength(sub.body, 4, 'maximum length sub-item');
      info.maxPduLength = sub.body.readUInt32BE(0);
    }
    if (sub.type === ItemType.ImplementationClassUID) {
      info.implementationClassUID = uidText(sub.body);
    }
    if (sub.type === ItemType.ImplementationVersionName) {
      info.implementationVersionName = sub.body.toString('latin1').trim();
    }
  }
  return info;
}

/** UIDs may arrive padded with a trailing NUL or space; neither is part of the UID. */
function uidText(value: Buffer | undefined): string {
  return (value?.toString('latin1') ?? '').replace(/[\0 ]+$/, '');
}

function requireLength(bytes: Buffer, length: number, where: string): void {
  if (bytes.length < length) {
    throw new PduDecodeError('invalid-pdu-parameter-value', `${where} is truncated`);
  }
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, '0');
}
