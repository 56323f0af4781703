/**
 * One DICOM association on one TCP connection, from the A-ASSOCIATE-RQ to the transport
 * close: the acceptor side of the PS3.8 state machine, reduced to the states an SCP visits.
 */
import type { Socket } from 'node:net';

import { answerAssociateRq, type AcceptedPresentationContext } from './association-acceptance.js';
import type { StoreAssociation } from './c-store-scp.js';
import { CommandSetDecodeError, commandName, encodeCommandSet } from './command-set.js';
import { respondToRequest } from './dimse-dispatch.js';
import type { DimseLogger, ResolvedDimseServerOptions } from './dimse-server-options.js';
import { statusCategory } from './dimse-status.js';
import {
  MessageAssembler,
  MessageAssemblyError,
  type AssembledMessage,
} from './message-assembler.js';
import { encodeMessageAsPData } from './p-data-fragmenter.js';
import { decodePdu, PduDecodeError } from './pdu-decode.js';
import { encodePdu } from './pdu-encode.js';
import { PduFramer } from './pdu-framer.js';
import type { AbortReason, AssociateRq, PData, Pdu } from './pdu.js';
import { RestartableTimer } from './restartable-timer.js';
import { tagLogger } from './tagged-logger.js';

/** A command set is a few hundred bytes; anything past this is not a DIMSE command. */
const MAX_COMMAND_BYTES = 64 * 1024;

/** Room for 128 presentation contexts, each offering every transfer syntax we know. */
const MAX_ASSOCIATE_RQ_LENGTH = 1024 * 1024;

type State =
  | 'awaiting-associate-rq' // Sta2, ARTIM running
  | 'negotiating' // the archive is deciding on the calling AE
  | 'established' // Sta6, idle timer running
  | 'awaiting-close' // Sta13 after A-ASSOCIATE-RJ, A-RELEASE-RP or A-ABORT, ARTIM running
  | 'closed';

export interface AssociationSettings<T> {
  id: string;
  socket: Socket;
  options: ResolvedDimseServerOptions<T>;
  atCapacity: boolean;
  acceptsAbstractSyntax(sopClassUID: string): boolean;
}

export class Association<T> {
  readonly id: string;
  /** Resolves once the TCP connection is gone. */
  readonly closed: Promise<void>;

  private state: State = 'awaiting-associate-rq';
  private readonly socket: Socket;
  private readonly options: ResolvedDimseServerOptions<T>;
  private readonly framer: PduFramer;
  private readonly assembler: MessageAssembler;
  private logger: DimseLogger;

  private readonly inbox: Buffer[] = [];
  private pumping = false;
  private shuttingDown = false;
  private readonly artim: RestartableTimer;
  private readonly idle: RestartableTimer;

  private peerMaxPduLength = 0;
  private presentationContexts = new Map<number, AcceptedPresentationContext>();
  private store?: StoreAssociation<T>;
  private messagesAnswered = 0;

  constructor(private readonly settings: AssociationSettings<T>) {
    this.id = settings.id;
    this.socket = settings.socket;
    this.options = settings.options;
    this.logger = tagLogger(this.options.logger, { association: this.id });
    this.framer = new PduFramer({
      maxPDataLength: this.options.maxPduLength,
      maxAssociateRqLength: MAX_ASSOCIATE_RQ_LENGTH,
    });
    this.assembler = new MessageAssembler({
      maxCommandBytes: MAX_COMMAND_BYTES,
      maxDataSetBytes: this.options.maxMessageBytes,
    });

    this.closed = new Promise((resolve) => {
      this.socket.once('close', () => {
        this.enterClosed();
        resolve();
      });
    });
    this.socket.on('error', (error) => this.logger.debug({ err: error }, 'socket error'));
    this.socket.on('data', (chunk: Buffer) => this.receive(chunk));

    this.artim = new RestartableTimer(this.options.artimTimeoutMs, () => {
      this.logger.warn({ state: this.state }, 'ARTIM timer expired; closing the connection');
      this.socket.destroy();
    });
    this.idle = new RestartableTimer(this.options.idleTimeoutMs, () => {
      this.abort('service-user', 'reason-not-specified', 'association idle too long');
    });
    this.artim.restart();
  }

  /**
   * Server shutdown: let the message in hand finish and its response go out, then abort.
   *
   * NOTE: an A-ABORT, not an A-RELEASE-RQ, because DICOM lets only the association requestor
   * expect a release; a modality mid-transfer would treat our release request as an error
   * anyway, and the abort tells it plainly that instances after the last response were lost.
   */
  shutdown(): Promise<void> {
    this.shuttingDown = true;

    if (this.state === 'awaiting-associate-rq') {
      this.socket.end();
      this.enterAwaitingClose();
    } else if (this.state === 'awaiting-close') {
      this.socket.end();
    } else if (!this.pumping && this.state !== 'closed') {
      this.abort('service-user', 'reason-not-specified', 'archive is shutting down');
    }
    return this.closed;
  }

  private receive(chunk: Buffer): void {
    // Past the last PDU we answer, the peer's bytes mean nothing; only its close matters.
    if (this.state === 'awaiting-close' || this.state === 'closed') return;
    this.restartIdleTimer();

    try {
      this.inbox.push(...this.framer.push(chunk));
    } catch (error) {
      this.abortForProtocolError(error);
      return;
    }
    void this.pump();
  }

  /** Handles queued PDUs one at a time; reading pauses meanwhile, which bounds the queue. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    this.socket.pause();

    while (this.inbox.length > 0 && this.isActive() && !this.shuttingDown) {
      const bytes = this.inbox.shift() as Buffer;
      try {
        await this.handle(decodePdu(bytes));
      } catch (error) {
        this.abortForProtocolError(error);
      }
    }

    this.pumping = false;
    if (this.shuttingDown && this.isActive()) {
      this.abort('service-user', 'reason-not-specified', 'archive is shutting down');
    } else if (this.isActive()) {
      this.socket.resume();
    }
  }

  private async handle(pdu: Pdu): Promise<void> {
    if (pdu.type === 'abort') {
      this.logger.warn({ source: pdu.source, reason: pdu.reason }, '<== A-ABORT');
      this.enterAwaitingClose();
      this.socket.destroy();
      return;
    }

    if (this.state === 'awaiting-associate-rq' && pdu.type === 'associate-rq') {
      await this.negotiate(pdu);
      return;
    }

    if (this.state === 'established' && pdu.type === 'p-data') {
      await this.receivePData(pdu);
      return;
    }

    if (this.state === 'established' && pdu.type === 'release-rq') {
      if (this.assembler.inProgress) {
        this.logger.warn({}, 'A-RELEASE-RQ in the middle of a message; the partial one is dropped');
      }
      this.logger.info({ messagesAnswered: this.messagesAnswered }, '<== A-RELEASE-RQ');
      this.send(encodePdu({ type: 'release-rp' }));
      this.enterAwaitingClose();
      return;
    }

    throw new PduDecodeError('unexpected-pdu', `${pdu.type} is not expected in ${this.state}`);
  }

  private async negotiate(request: AssociateRq): Promise<void> {
    this.artim.stop();
    this.state = 'negotiating';
    this.logger = tagLogger(this.logger, {
      callingAE: request.callingAE,
      calledAE: request.calledAE,
    });
    this.logger.debug(
      { proposedContexts: request.presentationContexts.length },
      '<== A-ASSOCIATE-RQ',
    );

    const outcome = await answerAssociateRq(request, {
      aeTitle: this.options.aeTitle,
      maxPduLength: this.options.maxPduLength,
      remoteAddress: this.socket.remoteAddress ?? '',
      atCapacity: this.settings.atCapacity,
      acceptedTransferSyntaxes: this.options.transferSyntaxes,
      acceptsAbstractSyntax: this.settings.acceptsAbstractSyntax,
      acceptAssociation: this.options.acceptAssociation,
    });
    if (this.state !== 'negotiating') return; // the peer left while the archive was deciding

    if (!outcome.accepted) {
      if (outcome.policyError) {
        this.logger.error({ err: outcome.policyError }, 'acceptAssociation failed');
      }
      this.logger.warn(
        { reason: outcome.reply.reason, remoteAddress: this.socket.remoteAddress },
        '--> A-ASSOCIATE-RJ',
      );
      this.send(encodePdu(outcome.reply));
      this.enterAwaitingClose();
      return;
    }

    this.peerMaxPduLength = request.userInformation.maxPduLength;
    this.presentationContexts = outcome.presentationContexts;
    this.store = {
      id: this.id,
      callingAE: request.callingAE,
      context: outcome.context,
      logger: this.logger,
      onStore: this.options.onStore,
      onFind: this.options.onFind,
    };
    this.send(encodePdu(outcome.reply));
    this.state = 'established';
    this.restartIdleTimer();
    this.logger.info(
      {
        acceptedContexts: outcome.presentationContexts.size,
        proposedContexts: request.presentationContexts.length,
        peerMaxPduLength: this.peerMaxPduLength,
      },
      '--> A-ASSOCIATE-AC',
    );
  }

  private async receivePData(pdu: PData): Promise<void> {
    for (const pdv of pdu.pdvs) {
      const context = this.presentationContexts.get(pdv.presentationContextId);
      if (!context) {
        throw new PduDecodeError(
          'unexpected-pdu-parameter',
          `PDV on presentation context ${pdv.presentationContextId}, which was not accepted`,
        );
      }

      const message = this.assembler.accept(pdv);
      if (message) await this.answer(message, context);
    }
  }

  private async answer(message: AssembledMessage, context: AcceptedPresentationContext) {
    const { command } = message;
    const store = this.store as StoreAssociation<T>;
    this.logger.debug(
      { messageID: command.messageID, sopInstanceUID: command.affectedSOPInstanceUID },
      `<== ${commandName(command.commandField)}`,
    );

    // The archive's own time (writing the file) does not count as the peer being idle.
    this.idle.stop();
    const replies = await respondToRequest(message, context, store);
    for (const { command: response, dataSet } of replies) {
      if (!this.isActive()) return;
      const pdus = encodeMessageAsPData(
        { presentationContextId: context.id, command: encodeCommandSet(response), dataSet },
        this.peerMaxPduLength,
      );
      for (const pdu of pdus) this.send(pdu);

      const status = response.status ?? 0;
      const level = statusCategory(status) === 'failure' ? 'warn' : 'debug';
      this.logger[level](
        {
          messageID: command.messageID,
          sopInstanceUID: command.affectedSOPInstanceUID,
          status: `0x${status.toString(16).padStart(4, '0')}`,
        },
        `--> ${commandName(response.commandField)}`,
      );
    }
    if (replies.length === 0 || !this.isActive()) return;
    this.messagesAnswered += 1;
    this.restartIdleTimer();
  }

  private abortForProtocolError(error: unknown): void {
    if (error instanceof PduDecodeError) {
      this.abort('service-provider', error.abortReason, error.message);
    } else if (error instanceof MessageAssemblyError || error instanceof CommandSetDecodeError) {
      this.abort('service-provider', 'unexpected-pdu-parameter', error.message);
    } else {
      this.logger.error({ err: error }, 'unexpected failure while handling a PDU');
      this.abort('service-provider', 'reason-not-specified', 'internal error');
    }
  }

  private abort(source: 'service-user' | 'service-provider', reason: AbortReason, why: string) {
    if (!this.isActive()) return;

    this.logger.warn({ source, reason, why }, '--> A-ABORT');
    this.send(encodePdu({ type: 'abort', source, reason }));
    // After an abort nothing more is said; ending our side lets the peer see the close now.
    this.socket.end();
    this.enterAwaitingClose();
  }

  private send(bytes: Buffer): void {
    if (this.socket.writable) this.socket.write(bytes);
  }

  /** Still exchanging PDUs with the peer, as opposed to waiting for or past its close. */
  private isActive(): boolean {
    return this.state !== 'awaiting-close' && this.state !== 'closed';
  }

  private enterAwaitingClose(): void {
    this.state = 'awaiting-close';
    this.inbox.length = 0;
    this.idle.stop();
    // Keep reading, or the peer's close would never be seen on a paused socket.
    this.socket.resume();
    this.artim.restart();
  }

  private enterClosed(): void {
    if (this.state === 'closed') return;
    const closedWhile = this.state;
    this.state = 'closed';
    this.inbox.length = 0;
    this.artim.stop();
    this.idle.stop();

    // A modality that drops the connection mid-association may believe more was stored.
    const fields = { messagesAnswered: this.messagesAnswered };
    if (closedWhile === 'established' || this.assembler.inProgress) {
      this.logger.warn({ ...fields, state: closedWhile }, 'connection lost without release');
    } else {
      this.logger.debug(fields, 'connection closed');
    }
  }

  private restartIdleTimer(): void {
    if (this.state === 'established') this.idle.restart();
  }
}
