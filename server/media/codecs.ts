import type { types as mediasoupTypes } from 'mediasoup';

/**
 * The codecs every case-session router offers. Order matters: a client picks the first codec
 * of a kind that it supports.
 *
 * - Opus for the voice of the consultation.
 * - VP8 first for video: every browser encodes it in software, and it is the codec the SFU
 *   handles best (simulcast, key-frame requests).
 * - H264 (constrained baseline, packetization-mode 1) for Safari, iPads on stroke carts and
 *   hardware encoders that offer nothing else.
 */
export const caseSessionMediaCodecs: mediasoupTypes.RtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90000,
    parameters: { 'x-google-start-bitrate': 1000 },
  },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: {
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
      'level-asymmetry-allowed': 1,
      'x-google-start-bitrate': 1000,
    },
  },
];
