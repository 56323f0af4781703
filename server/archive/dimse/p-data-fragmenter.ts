/**
 * Cuts an outgoing DIMSE message into P-DATA-TF PDUs no larger than the peer accepts.
 */
import { encodePdu } from './pdu-encode.js';
import { PDV_HEADER_LENGTH } from './pdu.js';

/** What we send per PDU when the peer announces no maximum (0 means unlimited). */
const UNLIMITED_PEER_FRAGMENT = 64 * 1024;

export interface OutgoingMessage {
  presentationContextId: number;
  command: Buffer;
  dataSet?: Buffer;
}

/**
 * One PDV per PDU keeps the rule simple: the PDV, with its 6-byte header, must fit the peer's
 * maximum P-DATA-TF variable field.
 */
export function encodeMessageAsPData(message: OutgoingMessage, peerMaxPduLength: number) {
  const fragmentLength =
    peerMaxPduLength === 0
      ? UNLIMITED_PEER_FRAGMENT
      : Math.max(1, peerMaxPduLength - PDV_HEADER_LENGTH);

  const pdus = toPDataPdus(message.presentationContextId, true, message.command, fragmentLength);
  if (message.dataSet) {
    const contextId = message.presentationContextId;
    pdus.push(...toPDataPdus(contextId, false, message.dataSet, fragmentLength));
  }
  return pdus;
}

function toPDataPdus(
  presentationContextId: number,
  isCommand: boolean,
  bytes: Buffer,
  fragmentLength: number,
): Buffer[] {
  const parts = fragment(bytes, fragmentLength);
  return parts.map((part, index) =>
    encodePdu({
      type: 'p-data',
      pdvs: [
        {
          presentationContextId,
          isCommand,
          isLast: index === parts.length - 1,
          fragment: part,
        },
      ],
    }),
  );
}

function fragment(bytes: Buffer, length: number): Buffer[] {
  // An empty data set still needs one (empty) last fragment to mark its end.
  if (bytes.length === 0) return [bytes];

  const parts: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += length) {
    parts.push(bytes.subarray(offset, offset + length));
  }
  return parts;
}
