import type { types as mediasoupTypes } from 'mediasoup';

import { caseSessionMediaCodecs } from './codecs';
import type { MediaConfig } from './config';
import { MediaRefusal } from './errors';
import { type MediaLogger, tagLogger } from './logger';
import { MAX_TRANSPORTS_PER_PEER, MediaPeer } from './peer';
import type {
  ConsumerInfo,
  MediaNotification,
  MediaRequestData as Data,
  MediaSource,
  ProducerInfo,
  TransportInfo,
} from './protocol';
import { type PeerMediaStats, peerMediaStats } from './stats';
import type { MediaWorkerPool, WorkerDiedEvent } from './workers';

type Router = mediasoupTypes.Router;

export interface MediaRoomOptions {
  /** The case session this room carries the audio and video of. */
  sessionId: string;
  pool: MediaWorkerPool;
  config: Pick<MediaConfig, 'listenIp' | 'announcedIp' | 'iceServers'>;
  logger: MediaLogger;
  /** Delivers a notification to one peer; the signalling layer supplies it. */
  notify: (peerId: string, notification: MediaNotification) => void;
}

type RoomState = 'open' | 'restarting' | 'closed';

// Enough for a 720p camera to start sharp on a hospital LAN; congestion control adapts it.
const INITIAL_OUTGOING_BITRATE = 1_000_000;

/**
 * The SFU side of one case session: a router on a pooled worker, and the peers whose audio
 * and video it forwards. Every method answers one request of protocol.ts for one peer.
 */
export class MediaRoom {
  readonly sessionId: string;
  readonly #options: MediaRoomOptions;
  readonly #logger: MediaLogger;
  readonly #peers = new Map<string, MediaPeer>();
  readonly #stopWatchingWorkers: () => void;
  #router: Router;
  #state: RoomState = 'open';

  private constructor(options: MediaRoomOptions, router: Router) {
    this.sessionId = options.sessionId;
    this.#options = options;
    this.#logger = tagLogger(options.logger, { sessionId: options.sessionId });
    this.#router = router;
    this.#stopWatchingWorkers = options.pool.onWorkerDied((event) => this.#onWorkerDied(event));
  }

  /** Opens the room on the next worker of the pool. */
  static async open(options: MediaRoomOptions): Promise<MediaRoom> {
    const router = await options.pool.createRouter(caseSessionMediaCodecs);
    const room = new MediaRoom(options, router);

    room.#logger.info({ routerId: router.id }, 'media room opened');
    return room;
  }

  get closed(): boolean {
    return this.#state === 'closed';
  }

  get peerIds(): string[] {
    return [...this.#peers.keys()];
  }

  getRouterRtpCapabilities(): mediasoupTypes.RtpCapabilities {
    this.#assertOpen();
    return this.#router.rtpCapabilities;
  }

  /** Admits a peer; answers with the producers it may consume right away. */
  join(peerId: string, { rtpCapabilities }: Data<'join'>): ProducerInfo[] {
    this.#assertOpen();
    if (this.#peers.has(peerId)) throw new MediaRefusal('alreadyJoined', peerId);

    const logger = tagLogger(this.#logger, { peerId });
    const capabilities = rtpCapabilities as mediasoupTypes.RtpCapabilities;
    this.#peers.set(peerId, new MediaPeer(peerId, capabilities, logger));

    logger.info({ peerCount: this.#peers.size }, 'peer joined the media room');
    return this.#allProducers().filter((producer) => producer.peerId !== peerId);
  }

  async createTransport(
    peerId: string,
    { direction, forceTcp }: Data<'createTransport'>,
  ): Promise<TransportInfo> {
    const peer = this.#assertAndGetPeer(peerId);
    if (peer.transportCount >= MAX_TRANSPORTS_PER_PEER) {
      throw new MediaRefusal('tooManyTransports', peerId);
    }

    const { listenIp, announcedIp, iceServers } = this.#options.config;
    const transport = await this.#router.createWebRtcTransport({
      listenIps: [{ ip: listenIp, announcedIp }],
      // TCP candidates are always offered: a firewall that drops UDP still lets ICE succeed.
      enableUdp: !forceTcp,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: INITIAL_OUTGOING_BITRATE,
      appData: { peerId, direction },
    });

    // The peer may have left, or the room closed or lost its worker, while the worker was busy.
    if (peer.closed || this.#state !== 'open') {
      transport.close();
      if (peer.closed) throw new MediaRefusal('notJoined', peerId);
      this.#assertOpen();
    }

    peer.addTransport(transport);
    transport.on('dtlsstatechange', (dtlsState) => {
      if (dtlsState !== 'failed') return;
      // A failed DTLS handshake never recovers; closing frees the port at once.
      peer.logger.warn({ transportId: transport.id }, 'DTLS failed; transport closed');
      transport.close();
    });

    peer.logger.debug({ transportId: transport.id, direction, forceTcp }, 'transport created');
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
      iceServers,
    };
  }

  async connectTransport(
    peerId: string,
    { transportId, dtlsParameters }: Data<'connectTransport'>,
  ) {
    const transport = this.#assertAndGetPeer(peerId).assertAndGetTransport(transportId);
    await transport.connect({ dtlsParameters: dtlsParameters as mediasoupTypes.DtlsParameters });
    return {};
  }

  async produce(peerId: string, request: Data<'produce'>): Promise<{ producerId: string }> {
    const peer = this.#assertAndGetPeer(peerId);
    const transport = peer.assertAndGetTransport(request.transportId, 'send');

    const producer = await transport.produce({
      kind: request.kind,
      rtpParameters: request.rtpParameters as mediasoupTypes.RtpParameters,
      appData: { peerId, source: request.source },
    });
    if (peer.closed) {
      producer.close();
      throw new MediaRefusal('notJoined', peerId);
    }
    peer.addProducer(producer);

    peer.logger.info(
      { producerId: producer.id, kind: producer.kind, source: request.source },
      'producing',
    );

    const info: ProducerInfo = {
      peerId,
      producerId: producer.id,
      kind: producer.kind,
      source: request.source,
    };
    this.#notifyOthers(peerId, { type: 'newProducer', ...info });

    return { producerId: producer.id };
  }

  async consume(
    peerId: string,
    { transportId, producerId }: Data<'consume'>,
  ): Promise<ConsumerInfo> {
    const peer = this.#assertAndGetPeer(peerId);
    const transport = peer.assertAndGetTransport(transportId, 'recv');
    const rtpCapabilities = peer.rtpCapabilities;

    if (!this.#allProducers().some((producer) => producer.producerId === producerId)) {
      throw new MediaRefusal('producerNotFound', producerId);
    }
    if (!this.#router.canConsume({ producerId, rtpCapabilities })) {
      throw new MediaRefusal('cannotConsume', producerId);
    }

    // Paused until the client has wired its track: no packet is lost before the decoder
    // exists, and resuming requests the key frame the decoder starts from.
    const consumer = await transport.consume({ producerId, rtpCapabilities, paused: true });
    if (peer.closed) {
      consumer.close();
      throw new MediaRefusal('notJoined', peerId);
    }
    peer.addConsumer(consumer);

    // mediasoup closes the consumer itself when its producer goes; the client must drop it too.
    consumer.on('producerclose', () =>
      this.#options.notify(peerId, { type: 'consumerClosed', consumerId: consumer.id, producerId }),
    );
    consumer.on('producerpause', () =>
      this.#options.notify(peerId, { type: 'consumerPaused', consumerId: consumer.id }),
    );
    consumer.on('producerresume', () =>
      this.#options.notify(peerId, { type: 'consumerResumed', consumerId: consumer.id }),
    );

    peer.logger.debug({ consumerId: consumer.id, producerId }, 'consuming');
    return {
      id: consumer.id,
      producerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      paused: consumer.paused,
    };
  }

  async resumeConsumer(peerId: string, { consumerId }: Data<'resumeConsumer'>) {
    await this.#assertAndGetPeer(peerId).assertAndGetConsumer(consumerId).resume();
    return {};
  }

  async pauseProducer(peerId: string, { producerId }: Data<'pauseProducer'>) {
    await this.#assertAndGetPeer(peerId).assertAndGetProducer(producerId).pause();
    return {};
  }

  async resumeProducer(peerId: string, { producerId }: Data<'resumeProducer'>) {
    await this.#assertAndGetPeer(peerId).assertAndGetProducer(producerId).resume();
    return {};
  }

  closeProducer(peerId: string, { producerId }: Data<'closeProducer'>) {
    // Its consumers hear 'producerclose' and tell their peers.
    this.#assertAndGetPeer(peerId).assertAndGetProducer(producerId).close();
    return {};
  }

  /** Removes a peer and everything it owns. A peer that already left is not an error. */
  leave(peerId: string) {
    const peer = this.#peers.get(peerId);
    if (!peer) return {};

    peer.close();
    this.#peers.delete(peerId);

    peer.logger.info({ peerCount: this.#peers.size }, 'peer left the media room');
    this.#notifyOthers(peerId, { type: 'peerLeft', peerId });
    return {};
  }

  /** Packet and byte counts of one peer's producers and consumers, as the SFU sees them. */
  async getStats(peerId: string): Promise<PeerMediaStats> {
    return peerMediaStats(this.#assertAndGetPeer(peerId));
  }

  /** mediasoup's own view of the router (transports, producers, consumers), for diagnostics. */
  async dump(): Promise<unknown> {
    return this.#router.dump();
  }

  /** Closes every peer's media and the router. Safe to call twice. */
  close(): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    this.#stopWatchingWorkers();

    for (const peer of this.#peers.values()) {
      peer.close();
      this.#options.notify(peer.peerId, { type: 'roomClosed' });
    }
    this.#peers.clear();
    this.#router.close();

    this.#logger.info({}, 'media room closed');
  }

  #onWorkerDied(event: WorkerDiedEvent): void {
    if (this.#state !== 'open' || !event.routerIds.includes(this.#router.id)) return;
    void this.#reestablish(event);
  }

  /**
   * Moves the room to a router on a live worker; peers re-create their transports on it.
   *
   * Limitation: the consultation loses audio and video until each client has re-created its
   * transports (about a second on a LAN); media is not migrated to a standby worker.
   */
  async #reestablish(event: WorkerDiedEvent): Promise<void> {
    this.#state = 'restarting';
    this.#logger.warn(
      { pid: event.pid, routerId: this.#router.id },
      'worker died; re-establishing room',
    );

    for (const peer of this.#peers.values()) peer.closeMedia();

    let router: Router;
    try {
      router = await this.#options.pool.createRouter(caseSessionMediaCodecs);
    } catch (error) {
      this.#logger.error(
        { error: (error as Error).message },
        'no worker to re-establish the room on',
      );
      this.close();
      return;
    }

    // close() may have run while the router was being created.
    if (this.#state !== 'restarting') {
      router.close();
      return;
    }

    this.#router = router;
    this.#state = 'open';
    this.#logger.info({ routerId: router.id }, 'media room re-established');

    for (const peerId of this.#peers.keys()) {
      this.#options.notify(peerId, { type: 'mediaReset', reason: 'workerDied' });
    }
  }

  #assertOpen(): void {
    if (this.#state === 'closed') throw new MediaRefusal('roomClosed', this.sessionId);
    if (this.#state === 'restarting') throw new MediaRefusal('roomRestarting', this.sessionId);
  }

  #assertAndGetPeer(peerId: string): MediaPeer {
    this.#assertOpen();

    const peer = this.#peers.get(peerId);
    if (!peer) throw new MediaRefusal('notJoined', peerId);
    return peer;
  }

  #allProducers(): ProducerInfo[] {
    return [...this.#peers.values()].flatMap((peer) =>
      peer.producers.map((producer) => ({
        peerId: peer.peerId,
        producerId: producer.id,
        kind: producer.kind,
        source: producer.appData.source as MediaSource,
      })),
    );
  }

  #notifyOthers(peerId: string, notification: MediaNotification): void {
    for (const other of this.#peers.keys()) {
      if (other !== peerId) this.#options.notify(other, notification);
    }
  }
}
