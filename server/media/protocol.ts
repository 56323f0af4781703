// The media signalling protocol between a browser (mediasoup-client) and the SFU, shared by
// client and server. Each request name maps to the zod schema of its data and to the type of
// its answer, so a handler cannot answer with the wrong shape. Transport-neutral: the socket
// layer carries these objects; nothing here knows socket.io.
//
// NOTE: import only zod and types here; this file is bundled into the browser.

import type { types as mediasoupTypes } from 'mediasoup';
import { z } from 'zod';

import type { IceServer } from './config';

/** Bumped on any change a deployed client would misread. */
export const MEDIA_PROTOCOL_VERSION = 1;

// mediasoup validates RTP and DTLS structures in depth itself; these schemas check the
// envelope so a malformed message is refused with its zod issues before reaching the worker.
const rtpCapabilities = z.looseObject({
  codecs: z
    .array(z.looseObject({ kind: z.enum(['audio', 'video']), mimeType: z.string() }))
    .optional(),
  headerExtensions: z.array(z.looseObject({ uri: z.string() })).optional(),
});

const rtpParameters = z.looseObject({
  codecs: z.array(z.looseObject({ mimeType: z.string(), payloadType: z.number().int() })).min(1),
  encodings: z.array(z.looseObject({})).optional(),
  headerExtensions: z.array(z.looseObject({ uri: z.string() })).optional(),
});

const dtlsParameters = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z.array(z.object({ algorithm: z.string(), value: z.string() })).min(1),
});

const entityId = z.string().min(1).max(64);

/** What a producer carries, in the words of a stroke consultation. */
export const mediaSources = ['microphone', 'camera', 'screen'] as const;
export type MediaSource = (typeof mediaSources)[number];

/** Request name -> schema of its data. */
export const mediaRequestSchemas = {
  /** The codecs and extensions the room's router speaks; loads the client Device. */
  getRouterRtpCapabilities: z.object({}),
  /** Enters the media room; rtpCapabilities decide what this peer can consume. */
  join: z.object({ rtpCapabilities }),
  createTransport: z.object({
    direction: z.enum(['send', 'recv']),
    // A client whose UDP is blocked by a hospital firewall asks for TCP only.
    forceTcp: z.boolean().default(false),
  }),
  connectTransport: z.object({ transportId: entityId, dtlsParameters }),
  produce: z.object({
    transportId: entityId,
    kind: z.enum(['audio', 'video']),
    rtpParameters,
    source: z.enum(mediaSources),
  }),
  consume: z.object({ transportId: entityId, producerId: entityId }),
  resumeConsumer: z.object({ consumerId: entityId }),
  pauseProducer: z.object({ producerId: entityId }),
  resumeProducer: z.object({ producerId: entityId }),
  closeProducer: z.object({ producerId: entityId }),
  leave: z.object({}),
} as const;

export type MediaRequestName = keyof typeof mediaRequestSchemas;

/** The data a client sends (defaults may be omitted). */
export type MediaRequestInput<N extends MediaRequestName> = z.input<
  (typeof mediaRequestSchemas)[N]
>;

/** The data a handler receives, after validation. */
export type MediaRequestData<N extends MediaRequestName> = z.output<
  (typeof mediaRequestSchemas)[N]
>;

/** A producer as other peers learn of it. */
export interface ProducerInfo {
  peerId: string;
  producerId: string;
  kind: mediasoupTypes.MediaKind;
  source: MediaSource;
}

export interface TransportInfo {
  id: string;
  iceParameters: mediasoupTypes.IceParameters;
  iceCandidates: mediasoupTypes.IceCandidate[];
  dtlsParameters: mediasoupTypes.DtlsParameters;
  /** TURN servers for this client's RTCPeerConnection. */
  iceServers: IceServer[];
}

export interface ConsumerInfo {
  id: string;
  producerId: string;
  kind: mediasoupTypes.MediaKind;
  rtpParameters: mediasoupTypes.RtpParameters;
  /** Consumers start paused; the client resumes once its track is wired. */
  paused: boolean;
}

/** Request name -> type of its answer. */
export interface MediaResponses {
  getRouterRtpCapabilities: mediasoupTypes.RtpCapabilities;
  join: { producers: ProducerInfo[] };
  createTransport: TransportInfo;
  connectTransport: Record<string, never>;
  produce: { producerId: string };
  consume: ConsumerInfo;
  resumeConsumer: Record<string, never>;
  pauseProducer: Record<string, never>;
  resumeProducer: Record<string, never>;
  closeProducer: Record<string, never>;
  leave: Record<string, never>;
}

/** Why the SFU refused a request: values the client can act on, not free text. */
export type MediaRefusalReason =
  | 'invalidRequest'
  /** The caller does not take part in the case (signalling layer). */
  | 'forbidden'
  | 'caseNotFound'
  | 'notJoined'
  | 'alreadyJoined'
  | 'transportNotFound'
  | 'producerNotFound'
  | 'consumerNotFound'
  | 'wrongTransportDirection'
  | 'tooManyTransports'
  | 'cannotConsume'
  | 'roomClosed'
  | 'roomRestarting'
  | 'noMediaWorker'
  | 'internalError';

export type MediaResult<N extends MediaRequestName> =
  | { ok: true; data: MediaResponses[N] }
  | { ok: false; reason: MediaRefusalReason; id?: string; issues?: unknown };

/** Messages the SFU pushes to one peer. */
export type MediaNotification =
  | ({ type: 'newProducer' } & ProducerInfo)
  | { type: 'consumerClosed'; consumerId: string; producerId: string }
  | { type: 'consumerPaused'; consumerId: string }
  | { type: 'consumerResumed'; consumerId: string }
  | { type: 'peerLeft'; peerId: string }
  // The worker hosting the room died: transports are gone, and the client re-creates them
  // (getRouterRtpCapabilities, join, createTransport...) on the replacement router.
  | { type: 'mediaReset'; reason: 'workerDied' }
  | { type: 'roomClosed' };
