import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Actor } from '../../../server/auth/roles';
import { createDatabase, type Database } from '../../../server/db/client';
import { seedDemo } from '../../../server/db/seed';
import { updateAnnotation } from '../../../server/realtime/session/annotations';
import { SessionRefusal } from '../../../server/realtime/session/errors';
import { RedisSessionStateStore } from '../../../server/realtime/session/redis-store';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import {
  actorOf,
  insertCase,
  lengthAnnotation,
  Participant,
  SOP_UID,
  sleep,
  startSessionServer,
  viewAt,
  type SessionTestServer,
} from './harness';

const EMERGENCY = 'urgence@chu-martinique.demo';
const NEURO = 'neuro@chu-guadeloupe.demo';
const NEURO_2 = 'neuro@chu-martinique.demo';
const OUTSIDER = 'radio@ch-cayenne.demo';

describe('the synchronized viewer session', () => {
  let database: TestDatabase;
  let db: Database;
  let server: SessionTestServer;
  let caseId: string;
  let actors: Record<string, Actor>;
  const participants: Participant[] = [];

  const participant = (email: string) => {
    const p = new Participant(server.url, actors[email]);
    participants.push(p);
    return p;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDatabase(database.url);
    await seedDemo(db);
    actors = {};
    for (const email of [EMERGENCY, NEURO, NEURO_2, OUTSIDER]) {
      actors[email] = await actorOf(db, email);
    }
  });
  afterAll(async () => {
    await db?.$disconnect();
    await database?.drop();
  });

  beforeEach(async () => {
    caseId = await insertCase(db, [EMERGENCY, NEURO, NEURO_2]);
    server = await startSessionServer(db, { reconnectGraceMs: 2_000, cursorIdleMs: 400 });
  });
  afterEach(async () => {
    for (const p of participants.splice(0)) p.close();
    await server.close();
  });

  it('gives the lead to the first joiner and forwards its view to all', async () => {
    const emergency = participant(EMERGENCY);
    const neuro = participant(NEURO);

    const first = await emergency.join(caseId);
    expect(first.leaderId).toBe(actors[EMERGENCY].userId);
    expect(first.participants).toHaveLength(1);
    expect(first.participants[0]).toMatchObject({ name: 'Dr Léa Marie-Sainte', mode: 'follow' });

    const joined = emergency.next('participantJoined');
    const second = await neuro.join(caseId);
    expect(second.leaderId).toBe(actors[EMERGENCY].userId);
    expect((await joined).participant.userId).toBe(actors[NEURO].userId);
    expect(second.participants.map((p) => p.colour)).toHaveLength(2);
    expect(new Set(second.participants.map((p) => p.colour)).size).toBe(2);

    // Free mode: the server still forwards the leader's view; the client decides not to apply.
    const modeSeen = emergency.next('participantChanged', (m) => m.participant.mode === 'free');
    neuro.send({ type: 'mode', mode: 'free' });
    await modeSeen;
    const view = neuro.next('view');
    emergency.send({ type: 'view', seq: 1, view: viewAt(12) });
    expect(await view).toMatchObject({ leaderId: actors[EMERGENCY].userId, seq: 1 });

    // Jump to leader: the latest view on demand.
    const jumped = neuro.next('view');
    neuro.send({ type: 'jumpToLeader' });
    expect((await jumped).view.sliceIndex).toBe(12);

    // A non-leader's view is refused, not broadcast.
    const refused = neuro.next('rejected');
    neuro.send({ type: 'view', seq: 1, view: viewAt(30) });
    expect(await refused).toMatchObject({ reason: 'notLeader', refused: 'view' });

    // takeLead moves the lead, and the new leader's views reach the old one.
    const leaderSeen = emergency.next('leader');
    neuro.send({ type: 'takeLead' });
    expect((await leaderSeen).leaderId).toBe(actors[NEURO].userId);
    const fromNeuro = emergency.next('view');
    neuro.send({ type: 'view', seq: 2, view: viewAt(31) });
    expect((await fromNeuro).view.sliceIndex).toBe(31);

    // An older sequence number from the same sender is dropped.
    neuro.send({ type: 'view', seq: 2, view: viewAt(5) });
    neuro.send({ type: 'view', seq: 3, view: viewAt(32) });
    expect((await emergency.next('view')).seq).toBe(3);
    expect(emergency.of('view').some((v) => v.view.sliceIndex === 5)).toBe(false);
  });

  it('passes the lead to the longest-present participant when the leader leaves', async () => {
    const emergency = participant(EMERGENCY);
    const neuro = participant(NEURO);
    const neuro2 = participant(NEURO_2);
    await emergency.join(caseId);
    await neuro.join(caseId);
    await neuro2.join(caseId);

    const left = neuro2.next('participantLeft');
    const leader = neuro2.next('leader');
    emergency.leave();
    expect((await left).userId).toBe(actors[EMERGENCY].userId);
    expect((await leader).leaderId).toBe(actors[NEURO].userId);

    // The leave is audited right after it is broadcast; give that write a moment.
    let audits = await db.auditEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
    for (let attempt = 0; audits.length < 4 && attempt < 50; attempt++) {
      await sleep(20);
      audits = await db.auditEvent.findMany({ where: { caseId }, orderBy: { id: 'asc' } });
    }
    expect(audits.map((a) => a.action)).toEqual([
      'session.join',
      'session.join',
      'session.join',
      'session.leave',
    ]);
  });

  it('relays cursors to the others, throttled, hidden on idle and leave', async () => {
    const emergency = participant(EMERGENCY);
    const neuro = participant(NEURO);
    const neuro2 = participant(NEURO_2);
    await emergency.join(caseId);
    await neuro.join(caseId);
    await neuro2.join(caseId);

    const atNeuro = neuro.next('cursor');
    const atNeuro2 = neuro2.next('cursor');
    emergency.send({ type: 'cursor', cursor: { sopInstanceUid: SOP_UID, imagePoint: [256, 300] } });
    for (const received of await Promise.all([atNeuro, atNeuro2])) {
      expect(received).toMatchObject({
        userId: actors[EMERGENCY].userId,
        cursor: { sopInstanceUid: SOP_UID, frame: 1, imagePoint: [256, 300] },
      });
    }

    // Idle: no move for cursorIdleMs hides it.
    const hidden = neuro.next('cursor', (m) => m.cursor === null, 2_000);
    expect((await hidden).userId).toBe(actors[EMERGENCY].userId);

    // A burst of 100 moves: at most 30 reach the others, the sender is told once.
    const before = neuro.of('cursor').length;
    const limited = emergency.next('rejected', (m) => m.reason === 'rateLimited');
    for (let i = 0; i < 100; i++) {
      emergency.send({ type: 'cursor', cursor: { sopInstanceUid: SOP_UID, imagePoint: [i, i] } });
    }
    await limited;
    await sleep(200);
    const relayed = neuro
      .of('cursor')
      .slice(before)
      .filter((m) => m.cursor !== null);
    expect(relayed.length).toBeGreaterThan(0);
    expect(relayed.length).toBeLessThanOrEqual(29);
    expect(emergency.of('cursor')).toHaveLength(0);

    // Leaving hides the cursor.
    const gone = neuro2.next('cursor', (m) => m.cursor === null);
    neuro.leave();
    expect((await gone).userId).toBe(actors[NEURO].userId);
  });

  it('lets exactly one of two edits on one version win, everywhere', async () => {
    const emergency = participant(EMERGENCY);
    const neuro = participant(NEURO);
    await emergency.join(caseId);
    await neuro.join(caseId);

    const annotation = lengthAnnotation();
    const created = neuro.next('annotationApplied');
    emergency.send({ type: 'annotationCreate', annotation });
    expect(await created).toMatchObject({
      op: 'create',
      by: actors[EMERGENCY].userId,
      annotation: { id: annotation.id, version: 1, authorId: actors[EMERGENCY].userId },
    });

    const move = (x: number) => ({
      type: 'annotationUpdate' as const,
      id: annotation.id,
      baseVersion: 1,
      changes: {
        geometry: { points: [[x, 240] as [number, number], [231, 252] as [number, number]] },
      },
    });
    const appliedAtEmergency = emergency.next('annotationApplied', (m) => m.op === 'update');
    const appliedAtNeuro = neuro.next('annotationApplied', (m) => m.op === 'update');
    emergency.send(move(100));
    neuro.send(move(150));
    const [atEmergency, atNeuro] = await Promise.all([appliedAtEmergency, appliedAtNeuro]);
    await sleep(200);

    const conflicts = [...emergency.of('rejected'), ...neuro.of('rejected')];
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ reason: 'versionConflict', annotationId: annotation.id });
    expect(conflicts[0].current).toEqual(atEmergency.annotation);
    expect(atEmergency.annotation).toEqual(atNeuro.annotation);
    expect(atEmergency.annotation.version).toBe(2);
    expect(emergency.of('annotationApplied').filter((m) => m.op === 'update')).toHaveLength(1);

    const row = await db.annotation.findUniqueOrThrow({ where: { id: annotation.id } });
    expect(row.version).toBe(2);
    expect(row.geometry).toEqual(atEmergency.annotation.geometry);

    // The loser rebases on the current version and succeeds.
    const rebased = emergency.next('annotationApplied', (m) => m.annotation.version === 3);
    const loser = conflicts[0].current!.geometry.points[0][0] === 100 ? neuro : emergency;
    loser.send({ ...move(175), baseVersion: 2 });
    expect((await rebased).annotation.geometry.points[0]).toEqual([175, 240]);

    // A delete on a stale version is refused too; on the current one it applies.
    const stale = neuro.next('rejected');
    neuro.send({ type: 'annotationDelete', id: annotation.id, baseVersion: 2 });
    expect(await stale).toMatchObject({ reason: 'versionConflict', current: { version: 3 } });
    const deleted = emergency.next('annotationApplied', (m) => m.op === 'delete');
    neuro.send({ type: 'annotationDelete', id: annotation.id, baseVersion: 3 });
    expect((await deleted).annotation.deletedAt).not.toBeNull();
  });

  it('keeps the version check in PostgreSQL without the session queue', async () => {
    const annotation = lengthAnnotation();
    await db.annotation.create({
      data: {
        ...annotation,
        caseId,
        authorId: actors[EMERGENCY].userId,
      },
    });

    const edit = (x: number) =>
      updateAnnotation(db, caseId, {
        type: 'annotationUpdate',
        id: annotation.id,
        baseVersion: 1,
        changes: {
          geometry: {
            points: [
              [x, 0],
              [1, 1],
            ],
          },
        },
      });
    const results = await Promise.allSettled([edit(1), edit(2), edit(3), edit(4)]);

    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(3);
    for (const r of lost) {
      const error = (r as PromiseRejectedResult).reason as SessionRefusal;
      expect(error.reason).toBe('versionConflict');
      expect(error.current?.version).toBe(2);
    }
    const row = await db.annotation.findUniqueOrThrow({ where: { id: annotation.id } });
    expect(row.version).toBe(2);
  });

  it('sends a late joiner the whole state', async () => {
    const emergency = participant(EMERGENCY);
    await emergency.join(caseId);
    emergency.send({ type: 'view', seq: 7, view: viewAt(21) });
    const annotation = lengthAnnotation();
    const created = emergency.next('annotationApplied');
    emergency.send({ type: 'annotationCreate', annotation });
    await created;

    const snapshot = await participant(NEURO).join(caseId);
    expect(snapshot.leaderId).toBe(actors[EMERGENCY].userId);
    expect(snapshot.view).toMatchObject({ seq: 7, view: { sliceIndex: 21 } });
    expect(snapshot.annotations.map((a) => a.id)).toEqual([annotation.id]);
    expect(snapshot.participants.map((p) => p.userId)).toEqual([
      actors[EMERGENCY].userId,
      actors[NEURO].userId,
    ]);
  });

  it('sends a full snapshot after a dropped connection, with what happened meanwhile', async () => {
    const emergency = participant(EMERGENCY);
    const neuro = participant(NEURO);
    await emergency.join(caseId);
    await neuro.join(caseId);

    // The engine drops (a hospital Wi-Fi hand-over); the seat is kept, shown as reconnecting.
    const reconnecting = emergency.next(
      'participantChanged',
      (m) => m.participant.presence === 'reconnecting',
    );
    const disconnected = new Promise((resolve) => neuro.socket.once('disconnect', resolve));
    neuro.socket.io.engine.close();
    await disconnected;
    await reconnecting;

    const annotation = lengthAnnotation();
    emergency.send({ type: 'view', seq: 1, view: viewAt(44) });
    emergency.send({ type: 'annotationCreate', annotation });
    await emergency.next('annotationApplied');

    const snapshot = await neuro.next('snapshot');
    expect(neuro.socket.recovered).toBe(true);
    expect(snapshot.view?.view.sliceIndex).toBe(44);
    expect(snapshot.annotations.map((a) => a.id)).toEqual([annotation.id]);
    expect(snapshot.participants.find((p) => p.userId === actors[NEURO].userId)?.presence).toBe(
      'active',
    );
    expect(snapshot.leaderId).toBe(actors[EMERGENCY].userId);

    // Back in the room: the next view reaches it.
    const view = neuro.next('view');
    emergency.send({ type: 'view', seq: 2, view: viewAt(45) });
    expect((await view).seq).toBe(2);
  });

  it('frees the seat and the lead of a participant who does not come back', async () => {
    const emergency = participant(EMERGENCY);
    const neuro = participant(NEURO);
    await emergency.join(caseId);
    await neuro.join(caseId);

    const left = neuro.next('participantLeft', () => true, 5_000);
    const leader = neuro.next('leader', () => true, 5_000);
    emergency.socket.io.reconnection(false);
    emergency.socket.io.engine.close();
    expect((await left).userId).toBe(actors[EMERGENCY].userId);
    expect((await leader).leaderId).toBe(actors[NEURO].userId);
  });

  it('keeps every annotation across a server restart', async () => {
    const emergency = participant(EMERGENCY);
    await emergency.join(caseId);
    const kept = lengthAnnotation();
    const removed = lengthAnnotation();
    for (const annotation of [kept, removed]) {
      const created = emergency.next('annotationApplied');
      emergency.send({ type: 'annotationCreate', annotation });
      await created;
    }
    const deleted = emergency.next('annotationApplied', (m) => m.op === 'delete');
    emergency.send({ type: 'annotationDelete', id: removed.id, baseVersion: 1 });
    await deleted;
    emergency.close();
    await server.close();

    server = await startSessionServer(db);
    const snapshot = await participant(NEURO).join(caseId);
    expect(snapshot.annotations.map((a) => a.id)).toEqual([kept.id]);
    expect(snapshot.annotations[0]).toMatchObject({ version: 1, values: { lengthMm: 14.2 } });
    // The shared view is not kept across a restart (in-memory store); the first joiner leads.
    expect(snapshot.view).toBeNull();
    expect(snapshot.leaderId).toBe(actors[NEURO].userId);
  });

  it('refuses non-participants, unknown cases and other protocol versions', async () => {
    const outsider = participant(OUTSIDER);
    await outsider.connected();

    const forbidden = outsider.next('rejected');
    outsider.send({ type: 'join', caseId, protocolVersion: 1 });
    expect(await forbidden).toMatchObject({ reason: 'forbidden', refused: 'join' });
    const denied = await db.auditEvent.findFirst({ where: { caseId, outcome: 'denied' } });
    expect(denied).toMatchObject({ action: 'session.join', actorId: actors[OUTSIDER].userId });

    const notFound = outsider.next('rejected');
    outsider.send({ type: 'join', caseId: 'no-such-case', protocolVersion: 1 });
    expect(await notFound).toMatchObject({ reason: 'caseNotFound' });

    const emergency = participant(EMERGENCY);
    await emergency.connected();
    const mismatch = emergency.next('rejected');
    emergency.send({ type: 'join', caseId, protocolVersion: 99, somethingNew: true } as never);
    expect(await mismatch).toMatchObject({ reason: 'protocolMismatch', protocolVersion: 1 });
    expect(emergency.of('snapshot')).toHaveLength(0);
  });

  it('refuses malformed messages and early ones, and keeps working', async () => {
    const emergency = participant(EMERGENCY);
    await emergency.connected();
    const early = emergency.next('rejected');
    emergency.send({ type: 'view', seq: 1, view: viewAt(3) });
    expect(await early).toMatchObject({ reason: 'notJoined', refused: 'view' });

    const neuro = participant(NEURO);
    await emergency.join(caseId);
    await neuro.join(caseId);

    const malformed: unknown[] = [
      'garbage',
      42,
      null,
      { type: 'teleport' },
      { type: 'view', seq: 'one', view: viewAt(1) },
      { type: 'view', seq: 2, view: { ...viewAt(1), voi: { windowCenter: 40, windowWidth: -1 } } },
      { type: 'cursor', cursor: { sopInstanceUid: 'not a uid', imagePoint: [1, 2] } },
      { type: 'annotationCreate', annotation: { ...lengthAnnotation(), kind: 'angle' } },
      { type: 'annotationCreate', annotation: { ...lengthAnnotation(), values: { evil: 1 } } },
      { type: 'annotationUpdate', id: randomUUID(), baseVersion: 1, changes: {} },
    ];
    for (const message of malformed) emergency.send(message as Record<string, unknown>);
    await sleep(300);
    const refusals = emergency.of('rejected').slice(1);
    expect(refusals).toHaveLength(malformed.length);
    expect(new Set(refusals.map((r) => r.reason))).toEqual(new Set(['invalidMessage']));

    const unknown = emergency.next('rejected');
    emergency.send({
      type: 'annotationUpdate',
      id: randomUUID(),
      baseVersion: 1,
      changes: { label: 'x' },
    });
    expect(await unknown).toMatchObject({ reason: 'annotationNotFound' });

    const view = neuro.next('view');
    emergency.send({ type: 'view', seq: 5, view: viewAt(9) });
    expect((await view).view.sliceIndex).toBe(9);
  });

  it('keeps the shared view and lead across a restart with the Redis store', async () => {
    const prefix = `test:${randomUUID()}`;
    const redisStore = () =>
      new RedisSessionStateStore(
        new Redis(process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'),
        {
          prefix,
        },
      );
    await server.close();
    server = await startSessionServer(db, { store: redisStore() });

    const emergency = participant(EMERGENCY);
    await emergency.join(caseId);
    const neuro = participant(NEURO);
    await neuro.join(caseId);
    const seen = neuro.next('view');
    emergency.send({ type: 'view', seq: 1, view: viewAt(18) });
    await seen;
    await server.close();
    await server.store.close();

    // Both reconnect to the new process and rejoin; the state they find is the one they left.
    server = await startSessionServer(db, { store: redisStore() });
    const snapshot = await participant(NEURO_2).join(caseId);
    expect(snapshot.view).toMatchObject({ seq: 1, view: { sliceIndex: 18 } });
    expect(snapshot.leaderId).toBe(actors[EMERGENCY].userId);
    await server.store.close();
  });
});
