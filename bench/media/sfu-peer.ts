// One benchmark participant in a MediaRoom: a mediasoup-client Device driving libwebrtc
// (@roamhq/wrtc), signalling through handleMediaRequest exactly as the socket layer does, so
// the measured path is the production one minus the socket hop.

import { Device } from 'mediasoup-client';
import type { types as clientTypes } from 'mediasoup-client';

import type { MediaLogger } from '../../server/media/logger';
import type {
  MediaRequestInput,
  MediaRequestName,
  MediaResponses,
  MediaSource,
} from '../../server/media/protocol';
import { handleMediaRequest } from '../../server/media/requests';
import type { MediaRoom } from '../../server/media/room';

export class BenchPeer {
  readonly #device = new Device({ handlerName: 'Chrome111' });
  readonly #consumers: clientTypes.Consumer[] = [];
  #send?: clientTypes.Transport;
  #recv?: clientTypes.Transport;

  private constructor(
    readonly peerId: string,
    readonly room: MediaRoom,
    readonly logger: MediaLogger,
  ) {}

  /** Joins the room and opens a send and a receive transport (connected on first use). */
  static async join(room: MediaRoom, peerId: string, logger: MediaLogger): Promise<BenchPeer> {
    const peer = new BenchPeer(peerId, room, logger);
    const capabilities = await peer.#request('getRouterRtpCapabilities', {});
    await peer.#device.load({
      routerRtpCapabilities: capabilities as clientTypes.RtpCapabilities,
    });

    await peer.#request('join', { rtpCapabilities: peer.#device.rtpCapabilities });
    peer.#send = await peer.#transport('send');
    peer.#recv = await peer.#transport('recv');
    return peer;
  }

  /** Sends a track through the SFU; returns the server-side producer id. */
  async produce(track: MediaStreamTrack, source: MediaSource): Promise<string> {
    const producer = await this.#send!.produce({ track, appData: { source } });
    return producer.id;
  }

  /** Receives another peer's producer; returns the decoded track. */
  async consume(producerId: string): Promise<MediaStreamTrack> {
    const info = await this.#request('consume', { transportId: this.#recv!.id, producerId });
    const consumer = await this.#recv!.consume({
      id: info.id,
      producerId: info.producerId,
      kind: info.kind,
      rtpParameters: info.rtpParameters as clientTypes.RtpParameters,
    });
    this.#consumers.push(consumer);

    await this.#request('resumeConsumer', { consumerId: info.id });
    return consumer.track;
  }

  async leave(): Promise<void> {
    for (const consumer of this.#consumers) consumer.close();
    this.#send?.close();
    this.#recv?.close();
    await this.#request('leave', {});
  }

  async #request<N extends MediaRequestName>(
    name: N,
    data: MediaRequestInput<N>,
  ): Promise<MediaResponses[N]> {
    const result = await handleMediaRequest(this.room, this.peerId, name, data, this.logger);
    if (!result.ok) {
      throw new Error(`${this.peerId}: ${name} refused (${result.reason} ${result.id ?? ''})`);
    }
    return result.data;
  }

  async #transport(direction: 'send' | 'recv'): Promise<clientTypes.Transport> {
    const info = await this.#request('createTransport', { direction });
    const options = info as unknown as clientTypes.TransportOptions;
    const transport =
      direction === 'send'
        ? this.#device.createSendTransport(options)
        : this.#device.createRecvTransport(options);

    transport.on('connect', ({ dtlsParameters }, done, fail) => {
      const transportId = transport.id;
      this.#request('connectTransport', { transportId, dtlsParameters }).then(() => done(), fail);
    });
    transport.on('produce', ({ kind, rtpParameters, appData }, done, fail) => {
      const source = appData.source as MediaSource;
      this.#request('produce', { transportId: transport.id, kind, rtpParameters, source }).then(
        ({ producerId }) => done({ id: producerId }),
        fail,
      );
    });

    return transport;
  }
}
