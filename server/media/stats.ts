import type { types as mediasoupTypes } from 'mediasoup';

import type { MediaPeer } from './peer';

/** RTP counters of one stream, as the SFU counts them. */
export interface StreamCounters {
  kind: mediasoupTypes.MediaKind;
  packetCount: number;
  byteCount: number;
}

export interface PeerMediaStats {
  /** What the SFU receives from this peer, per producer. */
  producers: Array<StreamCounters & { producerId: string; paused: boolean }>;
  /** What the SFU sends to this peer, per consumer. */
  consumers: Array<StreamCounters & { consumerId: string; producerId: string; paused: boolean }>;
}

/**
 * Sums the RTP streams of each producer and consumer of a peer: enough to tell whether the
 * bedside camera reaches the SFU and whether the neurologist receives it.
 */
export async function peerMediaStats(peer: MediaPeer): Promise<PeerMediaStats> {
  const producers = await Promise.all(
    peer.producers.map(async (producer) => ({
      producerId: producer.id,
      paused: producer.paused,
      ...sumStreams(producer.kind, await producer.getStats(), 'inbound-rtp'),
    })),
  );

  // A consumer's stats hold its own outbound stream and, beside it, its producer's inbound one.
  const consumers = await Promise.all(
    peer.consumers.map(async (consumer) => ({
      consumerId: consumer.id,
      producerId: consumer.producerId,
      paused: consumer.paused,
      ...sumStreams(consumer.kind, await consumer.getStats(), 'outbound-rtp'),
    })),
  );

  return { producers, consumers };
}

function sumStreams(
  kind: mediasoupTypes.MediaKind,
  stats: Array<{ type: string; packetCount: number; byteCount: number }>,
  type: 'inbound-rtp' | 'outbound-rtp',
): StreamCounters {
  const streams = stats.filter((stat) => stat.type === type);

  return {
    kind,
    packetCount: streams.reduce((sum, stat) => sum + stat.packetCount, 0),
    byteCount: streams.reduce((sum, stat) => sum + stat.byteCount, 0),
  };
}
