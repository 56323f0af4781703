import type { types as mediasoupTypes } from 'mediasoup';

import { MediaRefusal } from './errors';
import type { MediaLogger } from './logger';

type WebRtcTransport = mediasoupTypes.WebRtcTransport;
type Producer = mediasoupTypes.Producer;
type Consumer = mediasoupTypes.Consumer;

export type TransportDirection = 'send' | 'recv';

/**
 * NOTE: a browser needs one send and one recv transport. The margin lets a client replace a
 * failed transport before closing the old one; beyond it a buggy or hostile client would be
 * binding ports on the SFU without end.
 */
export const MAX_TRANSPORTS_PER_PEER = 4;

/**
 * One participant of a case session (a bedside camera, a neurologist, a radiologist) and the
 * mediasoup objects it owns. Closing the peer closes all of them.
 */
export class MediaPeer {
  readonly #transports = new Map<string, WebRtcTransport>();
  readonly #producers = new Map<string, Producer>();
  readonly #consumers = new Map<string, Consumer>();
  #closed = false;

  constructor(
    readonly peerId: string,
    readonly rtpCapabilities: mediasoupTypes.RtpCapabilities,
    readonly logger: MediaLogger,
  ) {}

  get closed(): boolean {
    return this.#closed;
  }

  get producers(): Producer[] {
    return [...this.#producers.values()];
  }

  get consumers(): Consumer[] {
    return [...this.#consumers.values()];
  }

  get transportCount(): number {
    return this.#transports.size;
  }

  addTransport(transport: WebRtcTransport): void {
    this.#transports.set(transport.id, transport);
    transport.observer.once('close', () => this.#transports.delete(transport.id));
  }

  addProducer(producer: Producer): void {
    this.#producers.set(producer.id, producer);
    producer.observer.once('close', () => this.#producers.delete(producer.id));
  }

  addConsumer(consumer: Consumer): void {
    this.#consumers.set(consumer.id, consumer);
    consumer.observer.once('close', () => this.#consumers.delete(consumer.id));
  }

  assertAndGetTransport(transportId: string, direction?: TransportDirection): WebRtcTransport {
    const transport = this.#transports.get(transportId);
    if (!transport) throw new MediaRefusal('transportNotFound', transportId);

    if (direction && transport.appData.direction !== direction) {
      throw new MediaRefusal('wrongTransportDirection', transportId);
    }

    return transport;
  }

  assertAndGetProducer(producerId: string): Producer {
    const producer = this.#producers.get(producerId);
    if (!producer) throw new MediaRefusal('producerNotFound', producerId);
    return producer;
  }

  assertAndGetConsumer(consumerId: string): Consumer {
    const consumer = this.#consumers.get(consumerId);
    if (!consumer) throw new MediaRefusal('consumerNotFound', consumerId);
    return consumer;
  }

  /** Closes every transport, and with them every producer and consumer. Safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;

    this.closeMedia();
  }

  /** Drops the media objects but keeps the peer in its room (used after a worker died). */
  closeMedia(): void {
    for (const transport of [...this.#transports.values()]) transport.close();

    // Closing a transport closes its producers and consumers; the maps empty themselves
    // through the close observers. Clearing guards against objects whose router is gone.
    this.#transports.clear();
    this.#producers.clear();
    this.#consumers.clear();
  }
}
