// The parts of @roamhq/wrtc the benchmark needs beyond the test fixture's typed subset: the
// audio and video sinks that hand decoded media back to JavaScript, and the browser globals
// mediasoup-client's Chrome111 handler looks up.

import { wrtc } from '../../test/media/fixtures/synthetic-media';

export { wrtc };

export interface AudioChunk {
  samples: Int16Array;
  sampleRate: number;
  channelCount: number;
  numberOfFrames: number;
}

export interface I420Frame {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

export interface AudioSink {
  ondata: ((chunk: AudioChunk) => void) | null;
  stop(): void;
}

export interface VideoSink {
  onframe: ((event: { frame: I420Frame }) => void) | null;
  stop(): void;
}

interface Sinks {
  RTCAudioSink: new (track: MediaStreamTrack) => AudioSink;
  RTCVideoSink: new (track: MediaStreamTrack) => VideoSink;
}

const sinks = wrtc.nonstandard as unknown as Sinks;

export function openAudioSink(track: MediaStreamTrack): AudioSink {
  return new sinks.RTCAudioSink(track);
}

export function openVideoSink(track: MediaStreamTrack): VideoSink {
  return new sinks.RTCVideoSink(track);
}

export const RTCPeerConnectionClass = wrtc.RTCPeerConnection as typeof RTCPeerConnection;
export const MediaStreamClass = wrtc.MediaStream as typeof MediaStream;

const BROWSER_CLASSES = [
  'RTCPeerConnection',
  'RTCSessionDescription',
  'RTCIceCandidate',
  'RTCRtpSender',
  'RTCRtpReceiver',
  'RTCRtpTransceiver',
  'MediaStream',
  'MediaStreamTrack',
] as const;

/** mediasoup-client in Node finds libwebrtc only where a browser would put it. */
export function exposeWrtcAsBrowserGlobals(): void {
  for (const name of BROWSER_CLASSES) {
    (globalThis as Record<string, unknown>)[name] = wrtc[name];
  }
}
