import fs from 'node:fs';

import { createWorker, workerBin, type types as mediasoupTypes } from 'mediasoup';

import type { MediaConfig } from './config';
import { MediaRefusal, MediaWorkerBinaryMissing } from './errors';
import { type MediaLogger, tagLogger } from './logger';

type Worker = mediasoupTypes.Worker;
type Router = mediasoupTypes.Router;

export interface WorkerDiedEvent {
  /** Pool slot of the dead worker; its replacement keeps the same slice of RTC ports. */
  slot: number;
  pid: number;
  /** Routers that lived on the dead worker: their owners must re-create their media. */
  routerIds: string[];
}

export type WorkerDiedListener = (event: WorkerDiedEvent) => void;

/** One worker process and the routers it hosts. */
interface Slot {
  index: number;
  worker: Worker | undefined;
  routers: Set<Router>;
  rtcMinPort: number;
  rtcMaxPort: number;
}

const RESPAWN_DELAYS_MS = [0, 1000, 5000, 30_000];

/**
 * The mediasoup worker processes: one per core, routers handed out round-robin. A worker that
 * dies is replaced in its slot, and `onWorkerDied` listeners learn which routers went with it.
 *
 * Limitation: a worker that starts and then dies again at once is replaced again each time;
 * there is no crash-loop breaker, only a back-off when the process fails to start at all.
 * Limitation: the workers' own log lines go to mediasoup's `debug` channel
 * (DEBUG=mediasoup:*), not to the Archipel logger.
 */
export class MediaWorkerPool {
  readonly #slots: Slot[];
  readonly #logger: MediaLogger;
  readonly #listeners = new Set<WorkerDiedListener>();
  readonly #respawnTimers = new Set<NodeJS.Timeout>();
  #next = 0;
  #closed = false;

  private constructor(config: PoolConfig, logger: MediaLogger) {
    this.#logger = tagLogger(logger, { component: 'media-workers' });

    // Each worker binds ports from its own slice, so two workers never race for one port.
    const portCount = config.rtcMaxPort - config.rtcMinPort + 1;
    const slice = Math.floor(portCount / config.workerCount);
    this.#slots = Array.from({ length: config.workerCount }, (_, index) => ({
      index,
      worker: undefined,
      routers: new Set<Router>(),
      rtcMinPort: config.rtcMinPort + index * slice,
      rtcMaxPort:
        index === config.workerCount - 1
          ? config.rtcMaxPort
          : config.rtcMinPort + (index + 1) * slice - 1,
    }));
  }

  /** Starts every worker; throws MediaWorkerBinaryMissing when the worker was never built. */
  static async start(config: PoolConfig, logger: MediaLogger): Promise<MediaWorkerPool> {
    if (!fs.existsSync(workerBin)) throw new MediaWorkerBinaryMissing(workerBin);

    const pool = new MediaWorkerPool(config, logger);
    try {
      await Promise.all(pool.#slots.map((slot) => pool.#spawn(slot)));
    } catch (error) {
      pool.close();
      throw error;
    }

    return pool;
  }

  /** Creates a router on the next live worker, round-robin. */
  async createRouter(mediaCodecs: mediasoupTypes.RtpCodecCapability[]): Promise<Router> {
    const slot = this.#nextLiveSlot();
    const worker = slot.worker!;
    const router = await worker.createRouter({ mediaCodecs });

    // A router that closes because its worker died stays listed until the 'died' handler has
    // read it: those are the ids the owners must hear about.
    slot.routers.add(router);
    router.observer.once('close', () => {
      if (!worker.died) slot.routers.delete(router);
    });

    return router;
  }

  /**
   * Calls `listener` after a worker died and its replacement was tried.
   * @returns a function that removes the listener.
   */
  onWorkerDied(listener: WorkerDiedListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The live workers, in slot order (for dumps and diagnostics). */
  get workers(): Worker[] {
    return this.#slots.flatMap((slot) => (slot.worker ? [slot.worker] : []));
  }

  /** Stops every worker; their routers close with them. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;

    for (const timer of this.#respawnTimers) clearTimeout(timer);
    this.#respawnTimers.clear();

    for (const slot of this.#slots) {
      slot.worker?.close();
      slot.worker = undefined;
    }

    this.#logger.info({}, 'media workers stopped');
  }

  async #spawn(slot: Slot): Promise<void> {
    const worker = await createWorker({
      logLevel: 'warn',
      rtcMinPort: slot.rtcMinPort,
      rtcMaxPort: slot.rtcMaxPort,
    });

    // The pool may have closed while the process was starting.
    if (this.#closed) {
      worker.close();
      return;
    }

    slot.worker = worker;
    worker.once('died', (error: Error) => this.#onDied(slot, worker, error));

    this.#logger.info(
      {
        slot: slot.index,
        pid: worker.pid,
        rtcMinPort: slot.rtcMinPort,
        rtcMaxPort: slot.rtcMaxPort,
      },
      'media worker started',
    );
  }

  #onDied(slot: Slot, worker: Worker, error: Error): void {
    const routerIds = [...slot.routers].map((router) => router.id);
    slot.routers.clear();
    slot.worker = undefined;

    this.#logger.error(
      { slot: slot.index, pid: worker.pid, routerCount: routerIds.length, error: error.message },
      'media worker died; replacing it',
    );

    // Listeners hear of the death once a replacement was tried, so that an owner
    // re-establishing its room at once finds a live worker even in a one-worker pool.
    void this.#respawn(slot, 0).finally(() => {
      const event: WorkerDiedEvent = { slot: slot.index, pid: worker.pid, routerIds };
      for (const listener of this.#listeners) listener(event);
    });
  }

  async #respawn(slot: Slot, attempt: number): Promise<void> {
    if (this.#closed) return;

    try {
      await this.#spawn(slot);
    } catch (error) {
      const delay = RESPAWN_DELAYS_MS[Math.min(attempt + 1, RESPAWN_DELAYS_MS.length - 1)];
      this.#logger.error(
        { slot: slot.index, attempt, retryInMs: delay, error: (error as Error).message },
        'media worker could not be restarted',
      );

      const timer = setTimeout(() => {
        this.#respawnTimers.delete(timer);
        void this.#respawn(slot, attempt + 1);
      }, delay);
      this.#respawnTimers.add(timer);
    }
  }

  #nextLiveSlot(): Slot {
    for (let step = 0; step < this.#slots.length; step += 1) {
      const slot = this.#slots[(this.#next + step) % this.#slots.length];
      if (slot.worker && !slot.worker.closed) {
        this.#next = (slot.index + 1) % this.#slots.length;
        return slot;
      }
    }

    throw new MediaRefusal('noMediaWorker');
  }
}

export type PoolConfig = Pick<MediaConfig, 'workerCount' | 'rtcMinPort' | 'rtcMaxPort'>;
