import type { SessionAnnotation, SessionParticipant, SharedView } from './protocol';

/** A participant as the server keeps it: the public record plus its open connections. */
export interface ParticipantRecord extends SessionParticipant {
  /** socket.io ids of this user's connections to the session (tabs, devices). */
  socketIds: string[];
}

/**
 * The shared state of every case session: leader, shared view, presence and a cache of the
 * case's annotations. Annotations themselves live in PostgreSQL; the cache only spares a query
 * per join. Every method is async so that a store shared between server processes (Redis) fits
 * behind the same seam as the in-memory one.
 *
 * Limitation: the in-memory store lives and dies with the process. A restart forgets leaders,
 * shared views and presence (clients rejoin and the first one leads again; the view resets to
 * whatever that leader shows); annotations survive because they are reloaded from PostgreSQL.
 * Several server processes need the Redis store AND socket.io's Redis adapter for broadcasts,
 * which is not wired.
 */
export interface SessionStateStore {
  getView(caseId: string): Promise<SharedView | null>;
  setView(caseId: string, view: SharedView): Promise<void>;

  getLeader(caseId: string): Promise<string | null>;
  setLeader(caseId: string, userId: string | null): Promise<void>;

  /** Participants in the order they joined. */
  getParticipants(caseId: string): Promise<ParticipantRecord[]>;
  getParticipant(caseId: string, userId: string): Promise<ParticipantRecord | null>;
  putParticipant(caseId: string, participant: ParticipantRecord): Promise<void>;
  removeParticipant(caseId: string, userId: string): Promise<void>;

  /** The cached annotations of a case (deleted ones included), or null when not cached. */
  getAnnotations(caseId: string): Promise<SessionAnnotation[] | null>;
  setAnnotations(caseId: string, annotations: SessionAnnotation[]): Promise<void>;
  /**
   * Caches one applied annotation if the case is cached. A version lower than the cached one
   * is ignored, so a late write can never roll the cache back.
   */
  putAnnotation(caseId: string, annotation: SessionAnnotation): Promise<void>;

  /** Forgets everything about a case whose last participant left. */
  clear(caseId: string): Promise<void>;
  close(): Promise<void>;
}
