import type { ParticipantRecord, SessionStateStore } from './store';
import type { SessionAnnotation, SharedView } from './protocol';

interface CaseState {
  view: SharedView | null;
  leaderId: string | null;
  participants: Map<string, ParticipantRecord>;
  annotations: Map<string, SessionAnnotation> | null;
}

/**
 * The session state of one server process, in memory. Records are copied in and out so that
 * callers cannot change the store by keeping a reference, as with a remote store.
 */
export class InMemorySessionStateStore implements SessionStateStore {
  readonly #cases = new Map<string, CaseState>();

  async getView(caseId: string) {
    return this.#cases.get(caseId)?.view ?? null;
  }

  async setView(caseId: string, view: SharedView) {
    // NOTE: views are replaced whole and never mutated, so this one is not copied.
    this.#case(caseId).view = view;
  }

  async getLeader(caseId: string) {
    return this.#cases.get(caseId)?.leaderId ?? null;
  }

  async setLeader(caseId: string, userId: string | null) {
    this.#case(caseId).leaderId = userId;
  }

  async getParticipants(caseId: string) {
    const participants = this.#cases.get(caseId)?.participants;
    if (!participants) return [];
    return [...participants.values()].sort((a, b) => a.joinedAt - b.joinedAt).map(copyParticipant);
  }

  async getParticipant(caseId: string, userId: string) {
    const participant = this.#cases.get(caseId)?.participants.get(userId);
    return participant ? copyParticipant(participant) : null;
  }

  async putParticipant(caseId: string, participant: ParticipantRecord) {
    this.#case(caseId).participants.set(participant.userId, copyParticipant(participant));
  }

  async removeParticipant(caseId: string, userId: string) {
    this.#cases.get(caseId)?.participants.delete(userId);
  }

  async getAnnotations(caseId: string) {
    const annotations = this.#cases.get(caseId)?.annotations;
    return annotations ? [...annotations.values()].map((a) => structuredClone(a)) : null;
  }

  async setAnnotations(caseId: string, annotations: SessionAnnotation[]) {
    this.#case(caseId).annotations = new Map(
      annotations.map((annotation) => [annotation.id, structuredClone(annotation)]),
    );
  }

  async putAnnotation(caseId: string, annotation: SessionAnnotation) {
    const annotations = this.#cases.get(caseId)?.annotations;
    if (!annotations) return;

    const cached = annotations.get(annotation.id);
    if (cached && cached.version >= annotation.version) return;
    annotations.set(annotation.id, structuredClone(annotation));
  }

  async clear(caseId: string) {
    this.#cases.delete(caseId);
  }

  async close() {
    this.#cases.clear();
  }

  #case(caseId: string): CaseState {
    let state = this.#cases.get(caseId);
    if (!state) {
      state = { view: null, leaderId: null, participants: new Map(), annotations: null };
      this.#cases.set(caseId, state);
    }
    return state;
  }
}

function copyParticipant(participant: ParticipantRecord): ParticipantRecord {
  return { ...participant, socketIds: [...participant.socketIds] };
}
