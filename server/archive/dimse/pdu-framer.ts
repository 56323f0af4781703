/**
 * Cuts the TCP byte stream of one association into whole PDUs.
 *
 * The length in a PDU header is checked before any of its body is buffered, so a peer that
 * announces a 4 GB PDU is refused after six bytes instead of exhausting memory.
 */
import { PduDecodeError } from './pdu-decode.js';
import { PDU_HEADER_LENGTH, PduType } from './pdu.js';

export interface PduLengthLimits {
  /** Largest P-DATA-TF variable field accepted: the maximum PDU length we advertised. */
  maxPDataLength: number;
  /** Largest A-ASSOCIATE-RQ; 128 presentation contexts with many syntaxes fit well within. */
  maxAssociateRqLength: number;
}

/** Release and abort PDUs carry four bytes; anything near this size is not DICOM. */
const MAX_SMALL_PDU_LENGTH = 1024;

export class PduFramer {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly limits: PduLengthLimits) {}

  /** Add bytes from the socket; returns the PDUs they complete, header included. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.buffered += chunk.length;

    const pdus: Buffer[] = [];
    while (this.buffered >= PDU_HEADER_LENGTH) {
      const header = this.peek(PDU_HEADER_LENGTH);
      const bodyLength = header.readUInt32BE(2);
      this.checkLength(header[0], bodyLength);

      if (this.buffered < PDU_HEADER_LENGTH + bodyLength) break;
      pdus.push(this.take(PDU_HEADER_LENGTH + bodyLength));
    }
    return pdus;
  }

  /** Bytes received that do not yet form a whole PDU. */
  get pendingBytes(): number {
    return this.buffered;
  }

  /**
   * Limitation: a P-DATA-TF longer than the maximum we advertised aborts the association,
   * as PS3.8 allows; a modality that ignores the negotiated size cannot send to us until its
   * own maximum is configured at or below ours.
   */
  private checkLength(type: number, bodyLength: number): void {
    const limit =
      type === PduType.PData
        ? this.limits.maxPDataLength
        : type === PduType.AssociateRq || type === PduType.AssociateAc
          ? this.limits.maxAssociateRqLength
          : MAX_SMALL_PDU_LENGTH;

    if (type < PduType.AssociateRq || type > PduType.Abort) {
      throw new PduDecodeError('unrecognized-pdu', `Unknown PDU type 0x${type.toString(16)}`);
    }
    if (bodyLength > limit) {
      throw new PduDecodeError(
        'invalid-pdu-parameter-value',
        `PDU type 0x${type.toString(16)} announces ${bodyLength} bytes, limit is ${limit}`,
      );
    }
  }

  private peek(length: number): Buffer {
    if (this.chunks[0].length >= length) return this.chunks[0].subarray(0, length);

    const out = Buffer.alloc(length);
    let filled = 0;
    for (const chunk of this.chunks) {
      if (filled === length) break;
      filled += chunk.copy(out, filled, 0, Math.min(chunk.length, length - filled));
    }
    return out;
  }

  private take(length: number): Buffer {
    const first = this.chunks[0];
    if (first.length >= length) {
      this.consumeFromFirst(length);
      return first.subarray(0, length);
    }

    const out = Buffer.allocUnsafe(length);
    let filled = 0;
    while (filled < length) {
      const chunk = this.chunks[0];
      const used = Math.min(chunk.length, length - filled);
      chunk.copy(out, filled, 0, used);
      filled += used;
      this.consumeFromFirst(used);
    }
    return out;
  }

  private consumeFromFirst(length: number): void {
    const first = this.chunks[0];
    if (length === first.length) this.chunks.shift();
    else this.chunks[0] = first.subarray(length);
    this.buffered -= length;
  }
}
