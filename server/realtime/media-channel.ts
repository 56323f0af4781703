import type { Server, Socket } from 'socket.io';
import type { Actor } from '../auth/roles';
import type { Database } from '../db/client';
import type { Logger } from '../logger';
import { loadCaseFor } from '../cases/index';
import {
  handleMediaRequest,
  isMediaRequestName,
  MediaRoom,
  type MediaConfig,
  type MediaResult,
  type MediaWorkerPool,
} from '../media/index';
import { MEDIA_EVENTS, mediaEnvelopeSchema } from './media-events';

/** The person behind a media peer, as the other participants' tiles show them. */
export interface PeerPerson {
  userId: string;
  name: string;
}

/**
 * The SFU rooms of case sessions, one per case, opened at the first participant's request and
 * closed when the last peer leaves or the case ends. A peer is one socket: the same person in
 * two tabs sends and receives twice.
 */
export class MediaRooms {
  readonly #rooms = new Map<string, Promise<MediaRoom>>();
  /** caseId per socket, for what to leave on disconnect. */
  readonly #joined = new Map<string, Set<string>>();
  /** Who is behind each peer (socket), so tiles show a name rather than a socket id. */
  readonly #people = new Map<string, PeerPerson>();

  constructor(
    private readonly io: Server,
    private readonly pool: MediaWorkerPool | undefined,
    private readonly config: MediaConfig | undefined,
    private readonly log: Logger,
  ) {}

  async request(
    socket: Socket,
    person: PeerPerson,
    caseId: string,
    name: string,
    data: unknown,
  ): Promise<MediaResult<never>> {
    if (!isMediaRequestName(name)) return { ok: false, reason: 'invalidRequest' };
    if (!this.pool || !this.config) return { ok: false, reason: 'noMediaWorker' };

    this.#people.set(socket.id, person);
    const room = await this.#room(caseId);
    const result = await handleMediaRequest(room, socket.id, name, data, this.log);
    if (result.ok && name === 'join') {
      this.#track(socket.id, caseId).add(caseId);
      const joined = result.data as { producers: { peerId: string }[] };
      joined.producers = joined.producers.map((p) => ({
        ...p,
        person: this.#people.get(p.peerId),
      }));
    }
    if (name === 'leave') await this.leave(socket.id, caseId);
    return result as MediaResult<never>;
  }

  /** A socket left a case's media, or disconnected: its transports go, and an empty room. */
  async leave(peerId: string, caseId?: string): Promise<void> {
    const cases = caseId ? [caseId] : [...(this.#joined.get(peerId) ?? [])];
    for (const id of cases) {
      this.#joined.get(peerId)?.delete(id);
      const room = await this.#rooms.get(id)?.catch(() => undefined);
      if (!room || room.closed) continue;
      if (room.peerIds.includes(peerId)) room.leave(peerId);
      if (room.peerIds.length === 0) this.close(id);
    }
    if (this.#joined.get(peerId)?.size === 0) {
      this.#joined.delete(peerId);
      this.#people.delete(peerId);
    }
  }

  /** Closes a case's room (case closed or cancelled); its peers are told. */
  close(caseId: string): void {
    const room = this.#rooms.get(caseId);
    this.#rooms.delete(caseId);
    void room?.then((r) => r.close()).catch(() => undefined);
  }

  closeAll(): void {
    for (const caseId of [...this.#rooms.keys()]) this.close(caseId);
  }

  #track(peerId: string, _caseId: string): Set<string> {
    let cases = this.#joined.get(peerId);
    if (!cases) this.#joined.set(peerId, (cases = new Set()));
    return cases;
  }

  #room(caseId: string): Promise<MediaRoom> {
    let room = this.#rooms.get(caseId);
    if (!room) {
      room = MediaRoom.open({
        sessionId: caseId,
        pool: this.pool!,
        config: this.config!,
        logger: this.log.child({ component: 'media', caseId }),
        notify: (peerId, notification) => {
          const about =
            'peerId' in notification ? this.#people.get(notification.peerId) : undefined;
          this.io
            .to(peerId)
            .emit(MEDIA_EVENTS.notification, { caseId, ...notification, person: about });
        },
      });
      this.#rooms.set(caseId, room);
      room.catch(() => this.#rooms.delete(caseId));
    }
    return room;
  }
}

/**
 * The media events of one socket: only participants of a case reach its SFU room. Every
 * answer goes back through the ack as the protocol's MediaResult.
 */
export function registerMediaHandlers(
  socket: Socket,
  actor: Actor,
  deps: { db: Database; rooms: () => MediaRooms | undefined; log: Logger },
) {
  const allowed = new Set<string>();
  let person: PeerPerson | undefined;

  socket.on(MEDIA_EVENTS.request, async (envelope: unknown, ack: unknown) => {
    if (typeof ack !== 'function') return;
    const parsed = mediaEnvelopeSchema.safeParse(envelope);
    if (!parsed.success)
      return ack({ ok: false, reason: 'invalidRequest', issues: parsed.error.issues });
    const { caseId, name, data } = parsed.data;
    const rooms = deps.rooms();
    if (!rooms) return ack({ ok: false, reason: 'noMediaWorker' });

    try {
      if (!allowed.has(caseId)) {
        const { participation } = await loadCaseFor(deps.db, actor, caseId);
        if (!participation) return ack({ ok: false, reason: 'forbidden' });
        allowed.add(caseId);
      }
      person ??= {
        userId: actor.userId,
        name: (await deps.db.user.findUniqueOrThrow({ where: { id: actor.userId } })).name,
      };
      ack(await rooms.request(socket, person, caseId, name, data));
    } catch (error) {
      const reason =
        (error as { code?: string }).code === 'not-found' ? 'caseNotFound' : 'forbidden';
      if (!(error as { code?: string }).code) {
        deps.log.error({ err: error, caseId, request: name }, 'media request failed');
        return ack({ ok: false, reason: 'internalError' });
      }
      ack({ ok: false, reason });
    }
  });

  socket.on('disconnect', () => void deps.rooms()?.leave(socket.id));
}
