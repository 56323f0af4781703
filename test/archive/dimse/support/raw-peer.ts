/**
 * A hand-driven DICOM peer for the cases dcmtk will not produce: garbage, silence, odd
 * fragmentation, protocol violations. PDUs are built with the server's own encoder; the
 * interoperability of that encoder is what the dcmtk suites check.
 */
import { connect, type Socket } from 'node:net';

import { encodeCommandSet, type CommandSet } from '@/server/archive/dimse/command-set.js';
import { decodePdu } from '@/server/archive/dimse/pdu-decode.js';
import { encodePdu } from '@/server/archive/dimse/pdu-encode.js';
import {
  DICOM_APPLICATION_CONTEXT,
  type AssociateAc,
  type AssociateRj,
  type Pdu,
  type ProposedPresentationContext,
} from '@/server/archive/dimse/pdu.js';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';
export const EXPLICIT_VR_LE = '1.2.840.10008.1.2.1';

export class RawPeer {
  /** Resolves when the server closes (or resets) the connection. */
  readonly closed: Promise<void>;
  private buffered = Buffer.alloc(0);
  private readonly pdus: Pdu[] = [];
  private waiting?: () => void;
  private ended = false;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.cutPdus();
    });
    socket.on('error', () => undefined);
    this.closed = new Promise((resolve) =>
      socket.once('close', () => {
        this.ended = true;
        this.waiting?.();
        resolve();
      }),
    );
  }

  static connect(port: number): Promise<RawPeer> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(new RawPeer(socket)));
      socket.once('error', reject);
    });
  }

  write(bytes: Buffer | string): void {
    this.socket.write(bytes);
  }

  send(pdu: Pdu): void {
    this.socket.write(encodePdu(pdu));
  }

  /** The next PDU from the server, or undefined if it closed the connection first. */
  async nextPdu(): Promise<Pdu | undefined> {
    while (this.pdus.length === 0 && !this.ended) {
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    return this.pdus.shift();
  }

  async associate(
    options: {
      callingAE?: string;
      calledAE?: string;
      maxPduLength?: number;
      contexts?: ProposedPresentationContext[];
    } = {},
  ): Promise<AssociateAc | AssociateRj | undefined> {
    this.send({
      type: 'associate-rq',
      protocolVersion: 1,
      calledAE: options.calledAE ?? 'ARCHIPEL',
      callingAE: options.callingAE ?? 'CT_NORTH',
      applicationContext: DICOM_APPLICATION_CONTEXT,
      presentationContexts: options.contexts ?? [
        { id: 1, abstractSyntax: CT_IMAGE_STORAGE, transferSyntaxes: [EXPLICIT_VR_LE] },
      ],
      userInformation: { maxPduLength: options.maxPduLength ?? 16384 },
    });
    const reply = await this.nextPdu();
    if (reply && reply.type !== 'associate-ac' && reply.type !== 'associate-rj') {
      throw new Error(`Expected A-ASSOCIATE-AC or -RJ, got ${reply.type}`);
    }
    return reply;
  }

  /** Sends a DIMSE message, its fragments cut at the given sizes, one PDV per PDU. */
  sendMessage(contextId: number, command: CommandSet, dataSet?: Buffer, fragment = 16000): void {
    const pieces = (bytes: Buffer) => {
      const out: Buffer[] = [];
      for (let at = 0; at < bytes.length; at += fragment) {
        out.push(bytes.subarray(at, at + fragment));
      }
      return out.length > 0 ? out : [bytes];
    };

    const parts = [
      ...pieces(encodeCommandSet(command)).map((bytes, i, all) => ({
        bytes,
        isCommand: true,
        isLast: i === all.length - 1,
      })),
      ...(dataSet ? pieces(dataSet) : []).map((bytes, i, all) => ({
        bytes,
        isCommand: false,
        isLast: i === all.length - 1,
      })),
    ];
    for (const part of parts) {
      this.send({
        type: 'p-data',
        pdvs: [
          {
            presentationContextId: contextId,
            isCommand: part.isCommand,
            isLast: part.isLast,
            fragment: part.bytes,
          },
        ],
      });
    }
  }

  destroy(): void {
    this.socket.destroy();
  }

  private cutPdus(): void {
    while (this.buffered.length >= 6) {
      const total = 6 + this.buffered.readUInt32BE(2);
      if (this.buffered.length < total) return;
      this.pdus.push(decodePdu(this.buffered.subarray(0, total)));
      this.buffered = this.buffered.subarray(total);
    }
    this.waiting?.();
  }
}
