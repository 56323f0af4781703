/**
 * Reassembles DIMSE messages from P-DATA-TF fragments (PS3.8 Annex E, PS3.7 section 9.3).
 *
 * A message is a command set followed, when the command says so, by a data set; each is cut
 * into fragments of at most the negotiated PDU size, and fragments of one message never
 * interleave with another's because we do not negotiate asynchronous operations.
 */
import { decodeCommandSet, hasDataSet, type CommandSet } from './command-set.js';
import type { Pdv } from './pdu.js';

export interface AssembledMessage {
  presentationContextId: number;
  command: CommandSet;
  /** The data set exactly as received; absent when the command carries none. */
  dataSet?: Buffer;
  /**
   * Set instead of dataSet when the data set grew past the message limit: its bytes were
   * dropped as they arrived, and the request must be refused rather than processed.
   */
  oversizedDataSetBytes?: number;
}

export interface MessageLimits {
  maxCommandBytes: number;
  maxDataSetBytes: number;
}

/** Fragments that break the DIMSE message structure; the association is aborted. */
export class MessageAssemblyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MessageAssemblyError';
  }
}

type State =
  | { phase: 'idle' }
  | { phase: 'command'; contextId: number; chunks: Uint8Array[]; bytes: number }
  | {
      phase: 'data-set';
      contextId: number;
      command: CommandSet;
      chunks: Uint8Array[];
      bytes: number;
      oversized: boolean;
    };

export class MessageAssembler {
  private state: State = { phase: 'idle' };

  constructor(private readonly limits: MessageLimits) {}

  /** True while part of a message has arrived and the rest has not. */
  get inProgress(): boolean {
    return this.state.phase !== 'idle';
  }

  /** Feed one PDV; returns the message it completes, if any. */
  accept(pdv: Pdv): AssembledMessage | undefined {
    return pdv.isCommand ? this.acceptCommandFragment(pdv) : this.acceptDataSetFragment(pdv);
  }

  private acceptCommandFragment(pdv: Pdv): AssembledMessage | undefined {
    if (this.state.phase === 'data-set') {
      throw new MessageAssemblyError('Command fragment arrived before the data set was complete');
    }
    if (this.state.phase === 'idle') {
      this.state = { phase: 'command', contextId: pdv.presentationContextId, chunks: [], bytes: 0 };
    }

    const state = this.state;
    requireSameContext(state.contextId, pdv);
    state.chunks.push(pdv.fragment);
    state.bytes += pdv.fragment.length;
    if (state.bytes > this.limits.maxCommandBytes) {
      throw new MessageAssemblyError(`Command set exceeds ${this.limits.maxCommandBytes} bytes`);
    }
    if (!pdv.isLast) return undefined;

    const command = decodeCommandSet(Buffer.concat(state.chunks));
    if (!hasDataSet(command)) {
      this.state = { phase: 'idle' };
      return { presentationContextId: state.contextId, command };
    }

    this.state = {
      phase: 'data-set',
      contextId: state.contextId,
      command,
      chunks: [],
      bytes: 0,
      oversized: false,
    };
    return undefined;
  }

  private acceptDataSetFragment(pdv: Pdv): AssembledMessage | undefined {
    const state = this.state;
    if (state.phase !== 'data-set') {
      throw new MessageAssemblyError('Data set fragment arrived without a command announcing it');
    }
    requireSameContext(state.contextId, pdv);

    state.bytes += pdv.fragment.length;
    if (state.bytes > this.limits.maxDataSetBytes) {
      // NOTE: keep reading rather than aborting, so the modality gets a status it can show.
      state.oversized = true;
      state.chunks = [];
    }
    if (!state.oversized) state.chunks.push(pdv.fragment);
    if (!pdv.isLast) return undefined;

    this.state = { phase: 'idle' };
    const message = { presentationContextId: state.contextId, command: state.command };
    if (state.oversized) return { ...message, oversizedDataSetBytes: state.bytes };
    return { ...message, dataSet: Buffer.concat(state.chunks, state.bytes) };
  }
}

function requireSameContext(contextId: number, pdv: Pdv): void {
  if (pdv.presentationContextId !== contextId) {
    throw new MessageAssemblyError(
      `Fragment on presentation context ${pdv.presentationContextId} interrupts a message ` +
        `on context ${contextId}`,
    );
  }
}
