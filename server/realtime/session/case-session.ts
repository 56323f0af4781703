import type { Actor } from '../../auth/roles';
import type { Logger } from '../../logger';
import {
  createAnnotation,
  deleteAnnotation,
  loadAnnotations,
  updateAnnotation,
} from './annotations';
import { SessionRefusal } from './errors';
import {
  SESSION_EVENT,
  SESSION_PROTOCOL_VERSION,
  type ClientMessageOf,
  type ParticipantMode,
  type ParticipantPresence,
  type SessionAnnotation,
  type SessionCursor,
  type SessionParticipant,
  type SessionServerMessage,
  type SharedView,
  type ViewState,
} from './protocol';
import type { ParticipantRecord } from './store';
import {
  DEFAULT_RECONNECT_GRACE_MS,
  sessionRoom,
  type SessionDeps,
  type SessionServer,
  type SessionSocket,
} from './types';

// Bright enough to read over a grey-scale CT, distinct from each other for colour-blind eyes
// as far as eight colours allow.
const PARTICIPANT_COLOURS = [
  '#ffb000',
  '#00c2ff',
  '#ff4fa0',
  '#7cff4f',
  '#b18cff',
  '#ff6b3d',
  '#4fffd2',
  '#fff04f',
];

/** How a connection left: on purpose, dropped (keeps the seat a while), or moving to a case. */
export type LeaveHow = 'leave' | 'disconnect';

/**
 * One case session as this server process runs it: the socket.io room, the order in which
 * membership changes and annotation edits are applied, and the timers of dropped participants.
 * The state itself (leader, view, presence, annotations cache) is in the store.
 *
 * Limitation: the ordering queue and the reconnect timers are per process. Two processes
 * serving one case would each order their own edits (PostgreSQL's version check still keeps
 * annotations consistent) and a dropped participant's seat would be freed by one only.
 */
export class CaseSession {
  readonly caseId: string;
  readonly room: string;
  readonly #io: SessionServer;
  readonly #deps: SessionDeps;
  readonly #log: Logger;
  readonly #onEmpty: (session: CaseSession) => void;
  readonly #graceTimers = new Map<string, NodeJS.Timeout>();
  #tail: Promise<unknown> = Promise.resolve();
  #pending = 0;
  #empty = false;
  #closed = false;

  constructor(
    caseId: string,
    io: SessionServer,
    deps: SessionDeps,
    onEmpty: (session: CaseSession) => void,
  ) {
    this.caseId = caseId;
    this.room = sessionRoom(caseId);
    this.#io = io;
    this.#deps = deps;
    this.#log = deps.log.child({ caseId });
    this.#onEmpty = onEmpty;
  }

  /**
   * Runs membership changes and annotation edits one at a time, in arrival order, so that a
   * joiner's snapshot and the edits broadcast around it never cross.
   */
  serial<T>(task: () => Promise<T>): Promise<T> {
    this.#pending++;
    const run = this.#tail.then(task);
    this.#tail = run
      .then(
        () => {},
        () => {},
      )
      .then(() => {
        this.#pending--;
        if (this.#pending === 0 && this.#empty) this.close();
      });
    return run;
  }

  /** Seats the actor (or adds a connection to their seat) and sends the snapshot. */
  async join(socket: SessionSocket, actor: Actor): Promise<void> {
    const { store } = this.#deps;
    this.#empty = false;
    this.#cancelGrace(actor.userId);

    const existing = await store.getParticipant(this.caseId, actor.userId);
    const participant = existing ?? (await this.#newParticipant(actor));
    if (!participant.socketIds.includes(socket.id)) participant.socketIds.push(socket.id);
    const presenceChanged = participant.presence !== 'active';
    participant.presence = 'active';
    await store.putParticipant(this.caseId, participant);

    // The first to arrive leads.
    let leaderId = await store.getLeader(this.caseId);
    if (leaderId === null) {
      leaderId = actor.userId;
      await store.setLeader(this.caseId, leaderId);
    }

    await socket.join(this.room);
    if (!existing) {
      this.#toOthers(socket, { type: 'participantJoined', participant: publicOf(participant) });
    } else if (presenceChanged) {
      this.#toOthers(socket, { type: 'participantChanged', participant: publicOf(participant) });
    }
    if (leaderId === actor.userId && !existing) {
      this.#toOthers(socket, { type: 'leader', leaderId });
    }

    const snapshot = await this.snapshot(actor.userId);
    socket.emit(SESSION_EVENT, snapshot);

    // View changes do not wait in the queue: one may have been broadcast while the snapshot
    // was read, and arrived first. Resending the newest view makes the joiner end on it.
    const view = await store.getView(this.caseId);
    if (view && view.seq !== snapshot.view?.seq) socket.emit(SESSION_EVENT, viewMessage(view));

    this.#log.info(
      { userId: actor.userId, socketId: socket.id, rejoin: Boolean(existing) },
      '--> session snapshot',
    );
  }

  /** Removes one connection; the participant leaves with their last one. */
  async leave(socket: SessionSocket, userId: string, how: LeaveHow): Promise<void> {
    const { store } = this.#deps;
    await socket.leave(this.room);
    this.#toOthers(socket, { type: 'cursor', userId, cursor: null });

    const participant = await store.getParticipant(this.caseId, userId);
    if (!participant) return;
    participant.socketIds = participant.socketIds.filter((id) => id !== socket.id);
    await store.putParticipant(this.caseId, participant);
    if (participant.socketIds.length > 0) return;

    const graceMs = this.#deps.reconnectGraceMs ?? DEFAULT_RECONNECT_GRACE_MS;
    if (how === 'leave' || graceMs <= 0) return this.#removeParticipant(userId);
    // A process shutting down keeps the seat in the store, but no longer runs timers.
    if (this.#closed) return;

    participant.presence = 'reconnecting';
    await store.putParticipant(this.caseId, participant);
    this.#toRoom({ type: 'participantChanged', participant: publicOf(participant) });
    this.#graceTimers.set(
      userId,
      setTimeout(() => {
        this.#graceTimers.delete(userId);
        void this.serial(() => this.#removeParticipant(userId)).catch((error) =>
          this.#log.error({ err: error, userId }, 'freeing a dropped seat failed'),
        );
      }, graceMs),
    );
    this.#log.info({ userId, graceMs }, 'participant dropped; seat kept');
  }

  /**
   * Accepts the leader's view and forwards it to everyone else, followers and free alike.
   * NOTE: not queued; the hot path of the session, a drag on the slice slider sends dozens.
   */
  async changeView(socket: SessionSocket, userId: string, seq: number, view: ViewState) {
    const leaderId = await this.#deps.store.getLeader(this.caseId);
    if (leaderId !== userId) throw new SessionRefusal('notLeader', userId);

    const shared: SharedView = { leaderId, seq, view, at: Date.now() };
    await this.#deps.store.setView(this.caseId, shared);
    this.#toOthers(socket, viewMessage(shared));
  }

  /** Sends the leader's latest view to one connection, if there is one yet. */
  async sendView(socket: SessionSocket) {
    const view = await this.#deps.store.getView(this.caseId);
    if (view) socket.emit(SESSION_EVENT, viewMessage(view));
  }

  /** Relays a cursor to the others; volatile, since the next move supersedes a lost one. */
  relayCursor(socket: SessionSocket, userId: string, cursor: SessionCursor | null) {
    socket.volatile.to(this.room).emit(SESSION_EVENT, { type: 'cursor', userId, cursor });
  }

  async setMode(userId: string, mode: ParticipantMode) {
    await this.#changeParticipant(userId, (participant) => (participant.mode = mode));
  }

  async setPresence(userId: string, presence: ParticipantPresence) {
    await this.#changeParticipant(userId, (participant) => (participant.presence = presence));
  }

  async takeLead(userId: string) {
    await this.#deps.store.setLeader(this.caseId, userId);
    this.#toRoom({ type: 'leader', leaderId: userId });
    this.#log.info({ userId }, 'lead taken');
  }

  async createAnnotation(userId: string, message: ClientMessageOf<'annotationCreate'>) {
    const annotation = await createAnnotation(this.#deps.db, this.caseId, userId, message);
    await this.#applied('create', userId, annotation);
  }

  async updateAnnotation(userId: string, message: ClientMessageOf<'annotationUpdate'>) {
    const annotation = await updateAnnotation(this.#deps.db, this.caseId, message);
    await this.#applied('update', userId, annotation);
  }

  async deleteAnnotation(userId: string, message: ClientMessageOf<'annotationDelete'>) {
    const annotation = await deleteAnnotation(this.#deps.db, this.caseId, message);
    await this.#applied('delete', userId, annotation);
  }

  /** The whole state of the session, as a joiner or a reconnecting client needs it. */
  async snapshot(userId: string): Promise<Extract<SessionServerMessage, { type: 'snapshot' }>> {
    const { store } = this.#deps;
    const [participants, leaderId, view] = await Promise.all([
      store.getParticipants(this.caseId),
      store.getLeader(this.caseId),
      store.getView(this.caseId),
    ]);

    let annotations = await store.getAnnotations(this.caseId);
    if (annotations === null) {
      annotations = await loadAnnotations(this.#deps.db, this.caseId);
      await store.setAnnotations(this.caseId, annotations);
    }

    return {
      type: 'snapshot',
      protocolVersion: SESSION_PROTOCOL_VERSION,
      caseId: this.caseId,
      you: userId,
      participants: participants.map(publicOf),
      leaderId,
      view,
      annotations: annotations.filter((annotation) => annotation.deletedAt === null),
    };
  }

  /** Stops the reconnect timers and forgets the session; safe to call twice. */
  close() {
    if (this.#closed) return;
    this.#closed = true;

    for (const timer of this.#graceTimers.values()) clearTimeout(timer);
    this.#graceTimers.clear();
    this.#onEmpty(this);
  }

  get closed() {
    return this.#closed;
  }

  async #applied(op: 'create' | 'update' | 'delete', by: string, annotation: SessionAnnotation) {
    await this.#deps.store.putAnnotation(this.caseId, annotation);
    this.#toRoom({ type: 'annotationApplied', op, by, annotation });
    this.#log.info(
      { userId: by, annotationId: annotation.id, op, version: annotation.version },
      '--> annotation applied',
    );
  }

  async #newParticipant(actor: Actor): Promise<ParticipantRecord> {
    const user = await this.#deps.db.user.findUnique({
      where: { id: actor.userId },
      select: { name: true },
    });
    const others = await this.#deps.store.getParticipants(this.caseId);
    const taken = new Set(others.map((participant) => participant.colour));
    const colour =
      PARTICIPANT_COLOURS.find((candidate) => !taken.has(candidate)) ??
      PARTICIPANT_COLOURS[others.length % PARTICIPANT_COLOURS.length];

    return {
      userId: actor.userId,
      name: user?.name ?? actor.userId,
      colour,
      role: actor.role,
      presence: 'active',
      mode: 'follow',
      joinedAt: Date.now(),
      socketIds: [],
    };
  }

  async #changeParticipant(userId: string, change: (participant: ParticipantRecord) => void) {
    const participant = await this.#deps.store.getParticipant(this.caseId, userId);
    if (!participant) throw new SessionRefusal('notJoined', userId);

    change(participant);
    await this.#deps.store.putParticipant(this.caseId, participant);
    this.#toRoom({ type: 'participantChanged', participant: publicOf(participant) });
  }

  async #removeParticipant(userId: string) {
    const { store } = this.#deps;
    const participant = await store.getParticipant(this.caseId, userId);
    // A reconnect within the grace period gave the seat a connection again.
    if (!participant || participant.socketIds.length > 0) return;

    await store.removeParticipant(this.caseId, userId);
    this.#toRoom({ type: 'participantLeft', userId });
    this.#log.info({ userId }, 'participant left');

    const remaining = await store.getParticipants(this.caseId);
    if (remaining.length === 0) {
      this.#empty = true;
      await store.clear(this.caseId);
      return;
    }

    // The lead passes to the longest-present participant still connected, if any.
    if ((await store.getLeader(this.caseId)) !== userId) return;
    const successor =
      remaining.find((candidate) => candidate.presence !== 'reconnecting') ?? remaining[0];
    await store.setLeader(this.caseId, successor.userId);
    this.#toRoom({ type: 'leader', leaderId: successor.userId });
    this.#log.info({ from: userId, to: successor.userId }, 'lead passed on');
  }

  #cancelGrace(userId: string) {
    const timer = this.#graceTimers.get(userId);
    if (!timer) return;
    clearTimeout(timer);
    this.#graceTimers.delete(userId);
  }

  #toRoom(message: SessionServerMessage) {
    this.#io.to(this.room).emit(SESSION_EVENT, message);
  }

  #toOthers(socket: SessionSocket, message: SessionServerMessage) {
    socket.to(this.room).emit(SESSION_EVENT, message);
  }
}

function publicOf({ socketIds: _socketIds, ...participant }: ParticipantRecord) {
  return participant satisfies SessionParticipant;
}

function viewMessage(view: SharedView): SessionServerMessage {
  return { type: 'view', ...view };
}
