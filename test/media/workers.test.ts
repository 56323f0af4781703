import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { caseSessionMediaCodecs } from '../../server/media/codecs';
import type { MediaNotification } from '../../server/media/protocol';
import { MediaRoom } from '../../server/media/room';
import { MediaWorkerPool, type WorkerDiedEvent } from '../../server/media/workers';
import { recordingLogger } from './recording-logger';

const config = { workerCount: 2, rtcMinPort: 41000, rtcMaxPort: 41099 };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function nextWorkerDeath(pool: MediaWorkerPool): Promise<WorkerDiedEvent> {
  return new Promise((resolve) => {
    const stop = pool.onWorkerDied((event) => {
      stop();
      resolve(event);
    });
  });
}

async function routerIdsOf(pool: MediaWorkerPool): Promise<string[][]> {
  const dumps = (await Promise.all(pool.workers.map((worker) => worker.dump()))) as Array<{
    routerIds: string[];
  }>;
  return dumps.map((dump) => dump.routerIds);
}

describe('media worker pool', () => {
  const logger = recordingLogger();
  let pool: MediaWorkerPool;

  // Fails (does not skip) with build instructions when the worker binary was never built.
  beforeAll(async () => {
    pool = await MediaWorkerPool.start(config, logger);
  });

  afterAll(() => pool?.close());

  it('starts one live worker process per slot', () => {
    const pids = pool.workers.map((worker) => worker.pid);

    expect(pids).toHaveLength(2);
    expect(new Set(pids).size).toBe(2);
    expect(pids.every(isAlive)).toBe(true);
  });

  it('hands out routers round-robin', async () => {
    const first = await pool.createRouter(caseSessionMediaCodecs);
    const second = await pool.createRouter(caseSessionMediaCodecs);

    const [onFirstWorker, onSecondWorker] = await routerIdsOf(pool);
    expect([...onFirstWorker, ...onSecondWorker].sort()).toEqual([first.id, second.id].sort());
    expect(onFirstWorker).toHaveLength(1);
    expect(onSecondWorker).toHaveLength(1);

    first.close();
    second.close();
  });

  it('replaces a killed worker and names the routers that died with it', async () => {
    const router = await pool.createRouter(caseSessionMediaCodecs);
    const [onFirstWorker] = await routerIdsOf(pool);
    const victim = onFirstWorker.includes(router.id) ? pool.workers[0] : pool.workers[1];
    const survivor = pool.workers.find((worker) => worker !== victim)!;

    const death = nextWorkerDeath(pool);
    process.kill(victim.pid, 'SIGKILL');
    const event = await death;

    expect(event.pid).toBe(victim.pid);
    expect(event.routerIds).toEqual([router.id]);
    expect(router.closed).toBe(true);

    const pids = pool.workers.map((worker) => worker.pid);
    expect(pids).toHaveLength(2);
    expect(pids).toContain(survivor.pid);
    expect(pids).not.toContain(victim.pid);
    expect(pids.every(isAlive)).toBe(true);
    expect(logger.lines.some((line) => line.message === 'media worker died; replacing it')).toBe(
      true,
    );

    // The replacement serves routers like any other worker.
    const fresh = await pool.createRouter(caseSessionMediaCodecs);
    const fresher = await pool.createRouter(caseSessionMediaCodecs);
    expect(fresh.closed || fresher.closed).toBe(false);
    fresh.close();
    fresher.close();
  });

  it('moves a room to a live worker and tells its peers to re-create their media', async () => {
    const notifications: Array<{ peerId: string; notification: MediaNotification }> = [];
    const room = await MediaRoom.open({
      sessionId: 'case-session-worker-death',
      pool,
      config: { listenIp: '127.0.0.1', iceServers: [] },
      logger,
      notify: (peerId, notification) => notifications.push({ peerId, notification }),
    });
    room.join('bedside-cart', { rtpCapabilities: room.getRouterRtpCapabilities() });
    await room.createTransport('bedside-cart', { direction: 'send', forceTcp: false });

    const { id: oldRouterId } = (await room.dump()) as { id: string };
    const [first, second] = pool.workers;
    const [onFirstWorker] = await routerIdsOf(pool);
    const victim = onFirstWorker.includes(oldRouterId) ? first : second;

    const death = nextWorkerDeath(pool);
    process.kill(victim.pid, 'SIGKILL');
    await death;
    await expect.poll(() => notifications.length).toBe(1);

    expect(notifications[0]).toEqual({
      peerId: 'bedside-cart',
      notification: { type: 'mediaReset', reason: 'workerDied' },
    });
    const dump = (await room.dump()) as { id: string; transportIds: string[] };
    expect(dump.id).not.toBe(oldRouterId);
    expect(dump.transportIds).toEqual([]);

    // The peer stays joined and builds its media again on the new router.
    await room.createTransport('bedside-cart', { direction: 'send', forceTcp: false });
    room.close();
    room.close();
  });
});
