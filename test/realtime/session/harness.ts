// A session server as io.ts would run it, minus the cookie handshake (tested in
// test/server/server.test.ts): a plain HTTP server on 127.0.0.1, socket.io with connection state
// recovery, a test-only middleware that takes the actor from the handshake's auth, and
// socket.io-client participants that record what they receive.

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import pino from 'pino';
import { Server } from 'socket.io';
import { io as connect, type Socket } from 'socket.io-client';

import type { Actor } from '../../../server/auth/roles';
import type { Database } from '../../../server/db/client';
import type { Role } from '../../../server/db/generated/enums';
import {
  attachSessionHandlers,
  InMemorySessionStateStore,
  SESSION_EVENT,
  SESSION_PROTOCOL_VERSION,
  type SessionClientEvents,
  type SessionClientMessage,
  type SessionDeps,
  type SessionServerEvents,
  type SessionServerMessage,
  type SessionStateStore,
} from '../../../server/realtime/session';

export interface SessionTestServer {
  url: string;
  store: SessionStateStore;
  close(): Promise<void>;
}

export async function startSessionServer(
  db: Database,
  options: Partial<SessionDeps> = {},
): Promise<SessionTestServer> {
  const httpServer = createServer();
  const io = new Server(httpServer, {
    serveClient: false,
    connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000 },
  });
  io.use((socket, next) => {
    socket.data.actor = socket.handshake.auth.actor as Actor;
    next();
  });

  const store = options.store ?? new InMemorySessionStateStore();
  const handle = attachSessionHandlers(io, {
    db,
    log: pino({ level: process.env.SESSION_TEST_LOG ?? 'silent' }),
    store,
    canJoin: async (actor, caseId) =>
      (await db.caseParticipant.findUnique({
        where: { caseId_userId: { caseId, userId: actor.userId } },
      })) !== null,
    ...options,
  });

  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    store,
    async close() {
      handle.close();
      await io.close();
    },
  };
}

/** Regions, sites and users come from seedDemo; this adds one stroke-alert case. */
export async function insertCase(db: Database, participantEmails: string[]) {
  const requester = await db.user.findUniqueOrThrow({ where: { email: participantEmails[0] } });
  const patient = await db.patient.create({
    data: { siteId: requester.siteId, localId: randomUUID(), name: 'TEST^SESSION' },
  });
  const kase = await db.case.create({
    data: {
      reference: `TEST-${randomUUID().slice(0, 8)}`,
      siteId: requester.siteId,
      patientId: patient.id,
      createdById: requester.id,
      priority: 'STROKE_ALERT',
      doorTime: new Date(),
      clinicalQuestion: 'Left hemiparesis, aphasia: thrombolysis?',
    },
  });
  for (const [index, email] of participantEmails.entries()) {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    await db.caseParticipant.create({
      data: { caseId: kase.id, userId: user.id, role: index === 0 ? 'REQUESTER' : 'SPECIALIST' },
    });
  }
  return kase.id;
}

export async function actorOf(db: Database, email: string): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  return { userId: user.id, role: user.role as Role, siteId: user.siteId };
}

type Message = SessionServerMessage;
type MessageOf<T extends Message['type']> = Extract<Message, { type: T }>;

/** One viewer in the test: a socket.io-client that records every session message. */
export class Participant {
  readonly socket: Socket<SessionServerEvents, SessionClientEvents>;
  readonly received: Message[] = [];
  #caseId: string | null = null;
  #waiters: { test: (message: Message) => boolean; resolve: (message: Message) => void }[] = [];

  constructor(
    url: string,
    readonly actor: Actor,
  ) {
    this.socket = connect(url, {
      transports: ['websocket'],
      auth: { actor },
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
    });
    this.socket.on(SESSION_EVENT, (message) => {
      this.received.push(message);
      this.#waiters = this.#waiters.filter((waiter) => {
        if (!waiter.test(message)) return true;
        waiter.resolve(message);
        return false;
      });
    });
    // As the browser client does: join again after every connect, and trust the snapshot.
    this.socket.on('connect', () => {
      if (this.#caseId) this.send({ type: 'join', caseId: this.#caseId, protocolVersion: 1 });
    });
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve) => this.socket.once('connect', () => resolve()));
  }

  send(message: SessionClientMessage | Record<string, unknown> | string) {
    this.socket.emit(SESSION_EVENT, message as SessionClientMessage);
  }

  async join(caseId: string): Promise<MessageOf<'snapshot'>> {
    await this.connected();
    const snapshot = this.next('snapshot');
    this.#caseId = caseId;
    this.send({ type: 'join', caseId, protocolVersion: SESSION_PROTOCOL_VERSION });
    return snapshot;
  }

  leave() {
    this.#caseId = null;
    this.send({ type: 'leave' });
  }

  /** The next message of this type (and matching `test`), from now on. */
  next<T extends Message['type']>(
    type: T,
    test: (message: MessageOf<T>) => boolean = () => true,
    timeoutMs = 5_000,
  ): Promise<MessageOf<T>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no '${type}' message within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#waiters.push({
        test: (message) => message.type === type && test(message as MessageOf<T>),
        resolve: (message) => {
          clearTimeout(timer);
          resolve(message as MessageOf<T>);
        },
      });
    });
  }

  of<T extends Message['type']>(type: T): MessageOf<T>[] {
    return this.received.filter((message): message is MessageOf<T> => message.type === type);
  }

  close() {
    this.#caseId = null;
    this.socket.disconnect();
  }
}

export const SERIES_UID = '1.2.826.0.1.3680043.8.498.1';
export const STUDY_UID = '1.2.826.0.1.3680043.8.498.0';
export const SOP_UID = '1.2.826.0.1.3680043.8.498.1.17';

export function viewAt(sliceIndex: number) {
  return {
    seriesInstanceUid: SERIES_UID,
    sliceIndex,
    voi: { windowCenter: 40, windowWidth: 80 },
    camera: {
      parallelScale: 120,
      focalPoint: [0, 0, sliceIndex * 5] as [number, number, number],
      position: [0, 0, 500] as [number, number, number],
      viewUp: [0, -1, 0] as [number, number, number],
    },
    presetName: 'brain',
  };
}

/** A length measurement across a hyperdense middle cerebral artery, in image pixels. */
export function lengthAnnotation(id = randomUUID()) {
  return {
    id,
    kind: 'length' as const,
    studyInstanceUid: STUDY_UID,
    seriesInstanceUid: SERIES_UID,
    sopInstanceUid: SOP_UID,
    frame: 1,
    geometry: { points: [[200, 240] as [number, number], [231, 252] as [number, number]] },
    values: { lengthMm: 14.2 },
    label: 'hyperdense MCA',
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
