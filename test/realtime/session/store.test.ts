import { randomUUID } from 'node:crypto';

import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';

import { CursorThrottle } from '../../../server/realtime/session/cursor-throttle';
import { InMemorySessionStateStore } from '../../../server/realtime/session/memory-store';
import type { SessionAnnotation } from '../../../server/realtime/session/protocol';
import { RedisSessionStateStore } from '../../../server/realtime/session/redis-store';
import type { ParticipantRecord, SessionStateStore } from '../../../server/realtime/session/store';
import { viewAt } from './harness';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function participant(userId: string, joinedAt: number): ParticipantRecord {
  return {
    userId,
    name: userId,
    colour: '#ffb000',
    role: 'NEUROLOGIST',
    presence: 'active',
    mode: 'follow',
    joinedAt,
    socketIds: [`socket-${userId}`],
  };
}

function annotation(version: number, label: string): SessionAnnotation {
  return {
    id: '7d3c0a54-8f51-4f4e-9a57-0f7d9b1c2e11',
    caseId: 'case',
    authorId: 'a',
    studyInstanceUid: '1.2',
    seriesInstanceUid: '1.2.3',
    sopInstanceUid: '1.2.3.4',
    frame: 1,
    kind: 'text',
    geometry: { points: [[1, 2]] },
    values: null,
    label,
    version,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    deletedAt: null,
  };
}

const stores: [string, () => SessionStateStore][] = [
  ['in memory', () => new InMemorySessionStateStore()],
  [
    'in Redis',
    () => new RedisSessionStateStore(new Redis(REDIS_URL), { prefix: `test:${randomUUID()}` }),
  ],
];

describe.each(stores)('the session state store %s', (_name, create) => {
  const store = create();
  afterAll(() => store.close());

  it('keeps the view and the leader of each case apart', async () => {
    const view = { leaderId: 'a', seq: 3, view: viewAt(4), at: 1 };
    await store.setView('case-1', view);
    await store.setLeader('case-1', 'a');

    expect(await store.getView('case-1')).toEqual(view);
    expect(await store.getLeader('case-1')).toBe('a');
    expect(await store.getView('case-2')).toBeNull();
    expect(await store.getLeader('case-2')).toBeNull();
  });

  it('lists participants in the order they joined', async () => {
    await store.putParticipant('case-3', participant('late', 20));
    await store.putParticipant('case-3', participant('early', 10));
    await store.removeParticipant('case-3', 'nobody');

    expect((await store.getParticipants('case-3')).map((p) => p.userId)).toEqual(['early', 'late']);
    await store.removeParticipant('case-3', 'early');
    expect(await store.getParticipant('case-3', 'early')).toBeNull();
    expect(await store.getParticipant('case-3', 'late')).toMatchObject({
      socketIds: ['socket-late'],
    });
  });

  it('caches annotations and never rolls one back to an older version', async () => {
    expect(await store.getAnnotations('case-4')).toBeNull();
    await store.putAnnotation('case-4', annotation(1, 'ignored: not cached yet'));
    expect(await store.getAnnotations('case-4')).toBeNull();

    await store.setAnnotations('case-4', []);
    expect(await store.getAnnotations('case-4')).toEqual([]);
    await store.putAnnotation('case-4', annotation(2, 'second'));
    await store.putAnnotation('case-4', annotation(1, 'late first'));
    expect(await store.getAnnotations('case-4')).toEqual([annotation(2, 'second')]);
  });

  it('forgets a case on clear', async () => {
    await store.setLeader('case-5', 'a');
    await store.putParticipant('case-5', participant('a', 1));
    await store.setAnnotations('case-5', [annotation(1, 'x')]);
    await store.clear('case-5');

    expect(await store.getLeader('case-5')).toBeNull();
    expect(await store.getParticipants('case-5')).toEqual([]);
    expect(await store.getAnnotations('case-5')).toBeNull();
  });
});

describe('the cursor throttle', () => {
  it('lets 30 moves through in any second, however they are spaced', () => {
    const throttle = new CursorThrottle(30);
    const allowed = (from: number, count: number, step: number) =>
      Array.from({ length: count }, (_, i) => throttle.allow(from + i * step)).filter(Boolean)
        .length;

    expect(allowed(0, 100, 1)).toBe(30);
    expect(allowed(500, 100, 1)).toBe(0);
    // A steady 30 Hz sender with jitter keeps its whole rate.
    expect(allowed(1000, 30, 33.4)).toBe(30);
  });
});
