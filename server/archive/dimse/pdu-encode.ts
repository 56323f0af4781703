/**
 * PDU values to bytes (PS3.8 section 9.3). All multi-byte PDU fields are big endian.
 */
import { ABORT_REASON_CODES, ASSOCIATE_RJ_CODES, ItemType } from './pdu-codes.js';
import {
  DICOM_APPLICATION_CONTEXT,
  PDU_HEADER_LENGTH,
  PDV_HEADER_LENGTH,
  PduType,
  type AssociateAc,
  type AssociateRq,
  type Pdu,
  type Pdv,
  type UserInformation,
} from './pdu.js';

/** Serialises one PDU, header included, ready to write to the socket. */
export function encodePdu(pdu: Pdu): Buffer {
  switch (pdu.type) {
    case 'associate-rq':
      return withPduHeader(PduType.AssociateRq, associateBody(pdu));
    case 'associate-ac':
      return withPduHeader(PduType.AssociateAc, associateBody(pdu));
    case 'associate-rj': {
      const [source, reason] = ASSOCIATE_RJ_CODES[pdu.reason];
      const result = pdu.permanent ? 1 : 2;
      return withPduHeader(PduType.AssociateRj, Buffer.from([0, result, source, reason]));
    }
    case 'p-data':
      return withPduHeader(PduType.PData, Buffer.concat(pdu.pdvs.map(encodePdv)));
    case 'release-rq':
      return withPduHeader(PduType.ReleaseRq, Buffer.alloc(4));
    case 'release-rp':
      return withPduHeader(PduType.ReleaseRp, Buffer.alloc(4));
    case 'abort': {
      const source = pdu.source === 'service-user' ? 0 : 2;
      // PS3.8 9.3.8: the reason is not significant when the service-user aborts.
      const reason = pdu.source === 'service-user' ? 0 : ABORT_REASON_CODES[pdu.reason];
      return withPduHeader(PduType.Abort, Buffer.from([0, 0, source, reason]));
    }
  }
}

function encodePdv(pdv: Pdv): Buffer {
  const header = Buffer.alloc(PDV_HEADER_LENGTH);
  header.writeUInt32BE(pdv.fragment.length + 2, 0);
  header[4] = pdv.presentationContextId;
  // Message control header: bit 0 command (1) or data set (0), bit 1 last fragment.
  header[5] = (pdv.isCommand ? 0x01 : 0x00) | (pdv.isLast ? 0x02 : 0x00);
  return Buffer.concat([header, pdv.fragment]);
}

function associateBody(pdu: AssociateRq | AssociateAc): Buffer {
  const fixed = Buffer.alloc(68);
  fixed.writeUInt16BE(pdu.type === 'associate-rq' ? pdu.protocolVersion : 1, 0);
  aeTitleField(pdu.calledAE).copy(fixed, 4);
  aeTitleField(pdu.callingAE).copy(fixed, 20);

  const items: Buffer[] = [item(ItemType.ApplicationContext, ascii(applicationContextOf(pdu)))];

  if (pdu.type === 'associate-rq') {
    for (const context of pdu.presentationContexts) {
      const subItems = [
        item(ItemType.AbstractSyntax, ascii(context.abstractSyntax)),
        ...context.transferSyntaxes.map((uid) => item(ItemType.TransferSyntax, ascii(uid))),
      ];
      const head = Buffer.from([context.id, 0, 0, 0]);
      items.push(item(ItemType.PresentationContextRq, Buffer.concat([head, ...subItems])));
    }
  } else {
    for (const context of pdu.presentationContexts) {
      const head = Buffer.from([context.id, 0, context.result, 0]);
      const syntax = item(ItemType.TransferSyntax, ascii(context.transferSyntax));
      items.push(item(ItemType.PresentationContextAc, Buffer.concat([head, syntax])));
    }
  }

  items.push(userInformationItem(pdu.userInformation));
  return Buffer.concat([fixed, ...items]);
}

function applicationContextOf(pdu: AssociateRq | AssociateAc): string {
  return pdu.type === 'associate-rq' ? pdu.applicationContext : DICOM_APPLICATION_CONTEXT;
}

function userInformationItem(info: UserInformation): Buffer {
  const maxLength = Buffer.alloc(4);
  maxLength.writeUInt32BE(info.maxPduLength, 0);

  const subItems = [item(ItemType.MaximumLength, maxLength)];
  if (info.implementationClassUID) {
    subItems.push(item(ItemType.ImplementationClassUID, ascii(info.implementationClassUID)));
  }
  if (info.implementationVersionName) {
    subItems.push(item(ItemType.ImplementationVersionName, ascii(info.implementationVersionName)));
  }
  return item(ItemType.UserInformation, Buffer.concat(subItems));
}

function withPduHeader(type: number, body: Buffer): Buffer {
  const header = Buffer.alloc(PDU_HEADER_LENGTH);
  header[0] = type;
  header.writeUInt32BE(body.length, 2);
  return Buffer.concat([header, body]);
}

function item(type: number, body: Buffer): Buffer {
  const header = Buffer.from([type, 0, 0, 0]);
  header.writeUInt16BE(body.length, 2);
  return Buffer.concat([header, body]);
}

/** AE titles travel as 16 bytes padded with spaces (PS3.8 9.3.2). */
function aeTitleField(title: string): Buffer {
  return Buffer.from(title.padEnd(16, ' ').slice(0, 16), 'ascii');
}

function ascii(text: string): Buffer {
  return Buffer.from(text, 'ascii');
}
