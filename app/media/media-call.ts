import { Device, type types } from 'mediasoup-client';
import type { Socket } from 'socket.io-client';
import type {
  ConsumerInfo,
  MediaNotification,
  MediaRequestInput,
  MediaRequestName,
  MediaResponses,
  MediaResult,
  MediaSource,
  ProducerInfo,
  TransportInfo,
} from '@/server/media/protocol';
import { MEDIA_EVENTS } from '@/server/realtime/media-events';

export interface RemotePeer {
  peerId: string;
  name: string;
  tracks: {
    consumerId: string;
    kind: 'audio' | 'video';
    source: MediaSource;
    track: MediaStreamTrack;
  }[];
}

type Person = { userId: string; name: string } | undefined;
type Notification = MediaNotification & { caseId: string; person?: Person };

export class MediaRequestError extends Error {
  constructor(
    readonly request: string,
    readonly reason: string,
  ) {
    super(`${request}: ${reason}`);
  }
}

// Three simulcast layers: a weak island link receives the lowest instead of a frozen picture.
const CAMERA_ENCODINGS: types.RtpEncodingParameters[] = [
  { rid: 'r0', maxBitrate: 120_000, scaleResolutionDownBy: 4 },
  { rid: 'r1', maxBitrate: 350_000, scaleResolutionDownBy: 2 },
  { rid: 'r2', maxBitrate: 1_000_000 },
];

/**
 * One participant's audio and video in a case session, over the SFU: sends the local
 * microphone and camera, receives everyone else's. The UI subscribes with `onChange`.
 */
export class MediaCall {
  readonly #socket: Socket;
  readonly #caseId: string;
  #device?: Device;
  #send?: types.Transport;
  #recv?: types.Transport;
  readonly #producers = new Map<MediaSource, types.Producer>();
  readonly #consumers = new Map<
    string,
    { consumer: types.Consumer; peerId: string; source: MediaSource }
  >();
  readonly #peers = new Map<string, RemotePeer>();
  #listeners = new Set<() => void>();
  #closed = false;

  constructor(socket: Socket, caseId: string) {
    this.#socket = socket;
    this.#caseId = caseId;
    socket.on(MEDIA_EVENTS.notification, this.#onNotification);
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get peers(): RemotePeer[] {
    return [...this.#peers.values()];
  }

  producer(source: MediaSource): types.Producer | undefined {
    return this.#producers.get(source);
  }

  /** Joins the room, then sends the given tracks (none: listen and watch only). */
  async start(local: { audio?: MediaStreamTrack; video?: MediaStreamTrack }): Promise<void> {
    const capabilities = await this.#request('getRouterRtpCapabilities', {});
    this.#device = new Device();
    await this.#device.load({ routerRtpCapabilities: capabilities as types.RtpCapabilities });

    const { producers } = await this.#request('join', {
      rtpCapabilities: this.#device.rtpCapabilities as MediaRequestInput<'join'>['rtpCapabilities'],
    });
    this.#recv = await this.#transport('recv');
    if (local.audio || local.video) this.#send = await this.#transport('send');
    if (local.audio) await this.sendTrack('microphone', local.audio);
    if (local.video) await this.sendTrack('camera', local.video);
    for (const producer of producers)
      await this.#consume(producer as ProducerInfo & { person?: Person });
  }

  async sendTrack(source: MediaSource, track: MediaStreamTrack): Promise<void> {
    const existing = this.#producers.get(source);
    if (existing) return existing.replaceTrack({ track });
    this.#send ??= await this.#transport('send');
    const producer = await this.#send.produce({
      track,
      encodings: source === 'camera' ? CAMERA_ENCODINGS : undefined,
      codecOptions: source === 'microphone' ? { opusDtx: true, opusFec: true } : undefined,
      appData: { source },
      // The page owns the camera and microphone: a media reset must not turn them off.
      stopTracks: false,
    });
    this.#producers.set(source, producer);
    this.#emit();
  }

  /** Mutes or unmutes a source without renegotiating (the producer pauses on the SFU too). */
  async setPaused(source: MediaSource, paused: boolean): Promise<void> {
    const producer = this.#producers.get(source);
    if (!producer) return;
    if (paused) {
      producer.pause();
      await this.#request('pauseProducer', { producerId: producer.id });
    } else {
      producer.resume();
      await this.#request('resumeProducer', { producerId: producer.id });
    }
    this.#emit();
  }

  /** Sums the video frames decoded from every peer: proof that pictures arrive. */
  async framesDecoded(): Promise<number> {
    let frames = 0;
    for (const { consumer } of this.#consumers.values()) {
      if (consumer.kind !== 'video') continue;
      (await consumer.getStats()).forEach((report) => {
        if (report.type === 'inbound-rtp') frames += report.framesDecoded ?? 0;
      });
    }
    return frames;
  }

  async consumerStats(consumerId: string): Promise<RTCStatsReport | undefined> {
    return this.#consumers.get(consumerId)?.consumer.getStats();
  }

  async leave(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#socket.off(MEDIA_EVENTS.notification, this.#onNotification);
    await this.#request('leave', {}).catch(() => undefined);
    this.#teardown();
  }

  #teardown() {
    for (const producer of this.#producers.values()) producer.close();
    for (const { consumer } of this.#consumers.values()) consumer.close();
    this.#send?.close();
    this.#recv?.close();
    this.#producers.clear();
    this.#consumers.clear();
    this.#peers.clear();
    this.#send = this.#recv = undefined;
    this.#emit();
  }

  async #transport(direction: 'send' | 'recv'): Promise<types.Transport> {
    const info: TransportInfo = await this.#request('createTransport', { direction });
    const options = {
      id: info.id,
      iceParameters: info.iceParameters,
      iceCandidates: info.iceCandidates,
      dtlsParameters: info.dtlsParameters,
      iceServers: info.iceServers as RTCIceServer[],
    } as types.TransportOptions;
    const transport =
      direction === 'send'
        ? this.#device!.createSendTransport(options)
        : this.#device!.createRecvTransport(options);

    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.#request('connectTransport', {
        transportId: transport.id,
        dtlsParameters: dtlsParameters as MediaRequestInput<'connectTransport'>['dtlsParameters'],
      }).then(() => callback(), errback);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      this.#request('produce', {
        transportId: transport.id,
        kind,
        rtpParameters: rtpParameters as MediaRequestInput<'produce'>['rtpParameters'],
        source: (appData as { source: MediaSource }).source,
      }).then(({ producerId }) => callback({ id: producerId }), errback);
    });
    return transport;
  }

  async #consume(producer: ProducerInfo & { person?: Person }): Promise<void> {
    if (!this.#recv || this.#closed) return;
    const info: ConsumerInfo = await this.#request('consume', {
      transportId: this.#recv.id,
      producerId: producer.producerId,
    });
    const consumer = await this.#recv.consume({
      id: info.id,
      producerId: info.producerId,
      kind: info.kind,
      rtpParameters: info.rtpParameters as types.RtpParameters,
    });
    this.#consumers.set(consumer.id, {
      consumer,
      peerId: producer.peerId,
      source: producer.source,
    });
    const peer = this.#peers.get(producer.peerId) ?? {
      peerId: producer.peerId,
      name: producer.person?.name ?? '…',
      tracks: [],
    };
    peer.tracks = [
      ...peer.tracks,
      {
        consumerId: consumer.id,
        kind: consumer.kind,
        source: producer.source,
        track: consumer.track,
      },
    ];
    this.#peers.set(producer.peerId, peer);
    await this.#request('resumeConsumer', { consumerId: consumer.id });
    this.#emit();
  }

  #removeConsumer(consumerId: string) {
    const entry = this.#consumers.get(consumerId);
    if (!entry) return;
    entry.consumer.close();
    this.#consumers.delete(consumerId);
    const peer = this.#peers.get(entry.peerId);
    if (peer) {
      peer.tracks = peer.tracks.filter((t) => t.consumerId !== consumerId);
      if (peer.tracks.length === 0) this.#peers.delete(entry.peerId);
    }
    this.#emit();
  }

  #onNotification = (notification: Notification) => {
    if (notification.caseId !== this.#caseId || this.#closed) return;
    switch (notification.type) {
      case 'newProducer':
        void this.#consume(notification).catch(() => undefined);
        break;
      case 'consumerClosed':
        this.#removeConsumer(notification.consumerId);
        break;
      case 'peerLeft':
        for (const [id, entry] of this.#consumers) {
          if (entry.peerId === notification.peerId) this.#removeConsumer(id);
        }
        this.#peers.delete(notification.peerId);
        this.#emit();
        break;
      case 'roomClosed':
        this.#closed = true;
        this.#teardown();
        break;
      case 'mediaReset':
        void this.#restart();
        break;
      default:
        this.#emit();
    }
  };

  /** The SFU's worker died and a new router took over: the same tracks, new transports. */
  async #restart() {
    const audio = this.#producers.get('microphone')?.track ?? undefined;
    const video = this.#producers.get('camera')?.track ?? undefined;
    this.#teardown();
    await this.start({ audio, video }).catch(() => this.#emit());
  }

  #emit() {
    for (const listener of this.#listeners) listener();
  }

  #request<N extends MediaRequestName>(
    name: N,
    data: MediaRequestInput<N>,
  ): Promise<MediaResponses[N]> {
    return new Promise((resolve, reject) => {
      this.#socket.emit(
        MEDIA_EVENTS.request,
        { caseId: this.#caseId, name, data },
        (answer: MediaResult<N>) => {
          if (answer.ok) resolve(answer.data);
          else reject(new MediaRequestError(name, answer.reason));
        },
      );
    });
  }
}
