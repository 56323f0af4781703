// The browser's end of the synchronized viewer session (server/realtime/session/protocol.ts):
// one socket.io connection, joined to one case, holding what the server last said.

import { io, type Socket } from 'socket.io-client';

import {
  SESSION_EVENT,
  SESSION_PROTOCOL_VERSION,
  type ParticipantMode,
  type SessionAnnotation,
  type SessionClientEvents,
  type SessionClientMessage,
  type SessionCursor,
  type SessionParticipant,
  type SessionRefusalReason,
  type SessionServerEvents,
  type SessionServerMessage,
  type SharedView,
} from '@/server/realtime/session/protocol';

export type ConnectionState = 'connecting' | 'joined' | 'reconnecting' | 'refused';

export interface SessionSnapshot {
  connection: ConnectionState;
  /** Why the server refused to let us join, when it did. */
  refusal: SessionRefusalReason | null;
  you: string | null;
  participants: SessionParticipant[];
  leaderId: string | null;
}

type Events = {
  /** Participants, leader, connection or own mode changed. */
  change: () => void;
  /** The whole truth after (re)joining: apply it. */
  snapshot: (message: Extract<SessionServerMessage, { type: 'snapshot' }>) => void;
  view: (view: SharedView) => void;
  cursor: (userId: string, cursor: SessionCursor | null) => void;
  annotation: (op: 'create' | 'update' | 'delete', annotation: SessionAnnotation) => void;
  rejected: (message: Extract<SessionServerMessage, { type: 'rejected' }>) => void;
};

export class SessionClient {
  readonly caseId: string;
  readonly #socket: Socket<SessionServerEvents, SessionClientEvents>;
  readonly #listeners: { [E in keyof Events]: Set<Events[E]> } = {
    change: new Set(),
    snapshot: new Set(),
    view: new Set(),
    cursor: new Set(),
    annotation: new Set(),
    rejected: new Set(),
  };
  #state: SessionSnapshot = {
    connection: 'connecting',
    refusal: null,
    you: null,
    participants: [],
    leaderId: null,
  };
  #closed = false;

  constructor(caseId: string) {
    this.caseId = caseId;
    // Same origin: the session cookie authenticates the handshake.
    this.#socket = io({ transports: ['websocket'] });
    this.#socket.on('connect', () => this.#join());
    this.#socket.on('disconnect', () => this.#set({ connection: 'reconnecting' }));
    this.#socket.on(SESSION_EVENT, (message) => this.#receive(message));
  }

  get state() {
    return this.#state;
  }

  get isLeader() {
    return this.#state.you !== null && this.#state.you === this.#state.leaderId;
  }

  get me(): SessionParticipant | undefined {
    return this.participant(this.#state.you);
  }

  /** Follows the leader's view: joined, following, and not the leader oneself. */
  get isFollowing() {
    return this.#state.connection === 'joined' && !this.isLeader && this.me?.mode === 'follow';
  }

  participant(userId: string | null | undefined) {
    return this.#state.participants.find((p) => p.userId === userId);
  }

  on<E extends keyof Events>(event: E, listener: Events[E]): () => void {
    this.#listeners[event].add(listener);
    return () => this.#listeners[event].delete(listener);
  }

  send(message: SessionClientMessage) {
    if (this.#state.connection !== 'joined') return false;
    this.#socket.emit(SESSION_EVENT, message);
    return true;
  }

  /** Cursor moves are volatile: one lost on a slow link is superseded by the next. */
  sendCursor(cursor: SessionCursor | null) {
    if (this.#state.connection !== 'joined') return;
    this.#socket.volatile.emit(SESSION_EVENT, { type: 'cursor', cursor });
  }

  /** Switches follow/free at once locally, so a leader's view in flight is not applied. */
  setMode(mode: ParticipantMode) {
    const me = this.me;
    if (!me || me.mode === mode) return;
    this.#updateParticipant({ ...me, mode });
    this.send({ type: 'mode', mode });
  }

  jumpToLeader() {
    this.setMode('follow');
    this.send({ type: 'jumpToLeader' });
  }

  takeLead() {
    this.send({ type: 'takeLead' });
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#socket.connected) this.#socket.emit(SESSION_EVENT, { type: 'leave' });
    this.#socket.disconnect();
    for (const set of Object.values(this.#listeners)) set.clear();
  }

  #join() {
    this.#socket.emit(SESSION_EVENT, {
      type: 'join',
      caseId: this.caseId,
      protocolVersion: SESSION_PROTOCOL_VERSION,
    });
  }

  #receive(message: SessionServerMessage) {
    switch (message.type) {
      case 'snapshot':
        this.#set({
          connection: 'joined',
          refusal: null,
          you: message.you,
          participants: message.participants,
          leaderId: message.leaderId,
        });
        this.#emit('snapshot', message);
        return;
      case 'participantJoined':
      case 'participantChanged':
        return this.#updateParticipant(message.participant);
      case 'participantLeft':
        return this.#set({
          participants: this.#state.participants.filter((p) => p.userId !== message.userId),
        });
      case 'leader':
        return this.#set({ leaderId: message.leaderId });
      case 'view': {
        const { type: _type, ...view } = message;
        return this.#emit('view', view);
      }
      case 'cursor':
        return this.#emit('cursor', message.userId, message.cursor);
      case 'annotationApplied':
        return this.#emit('annotation', message.op, message.annotation);
      case 'rejected':
        // Refused joins leave nothing to do on this page; other refusals are for the sender.
        if (message.refused === 'join') {
          this.#set({ connection: 'refused', refusal: message.reason });
        }
        console.warn('Session message refused', message);
        return this.#emit('rejected', message);
    }
  }

  #updateParticipant(participant: SessionParticipant) {
    const others = this.#state.participants.filter((p) => p.userId !== participant.userId);
    this.#set({ participants: [...others, participant].sort((a, b) => a.joinedAt - b.joinedAt) });
  }

  #set(changes: Partial<SessionSnapshot>) {
    this.#state = { ...this.#state, ...changes };
    this.#emit('change');
  }

  #emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>) {
    for (const listener of this.#listeners[event]) {
      (listener as (...a: Parameters<Events[E]>) => void)(...args);
    }
  }
}
