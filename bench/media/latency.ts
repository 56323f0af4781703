// One-way latency of a link (through the SFU, or direct): audio pulses and stamped video
// frames are sent together, as in a real consultation, and timed on one clock since sender
// and receiver live in this process.

import { setTimeout as sleep } from 'node:timers/promises';

import type { MediaLogger } from '../../server/media/logger';
import { MediaRoom } from '../../server/media/room';
import type { MediaWorkerPool } from '../../server/media/workers';
import { detectPulses, startPulseSource } from './audio-pulses';
import { connectDirectPair } from './direct-pair';
import { pairFrames, pairPulses } from './figures';
import { BenchPeer } from './sfu-peer';
import { readStamps, startStampSource } from './video-stamps';

export interface LatencyPlan {
  pulses: number;
  periodMs: number;
  /** Media flows this long before measuring: ICE, DTLS, jitter buffer and bandwidth settle. */
  warmUpMs: number;
}

/** Latencies in ms, and how many pulses or frames were sent while measuring. */
export interface LatencyRun {
  audio: number[];
  audioSent: number;
  video: number[];
  videoSent: number;
  unreadableFrames: number;
}

/** Carries a microphone and a camera track to a receiver; gives back the received tracks. */
export type Link = (
  microphone: MediaStreamTrack,
  camera: MediaStreamTrack,
) => Promise<{ microphone: MediaStreamTrack; camera: MediaStreamTrack; close(): Promise<void> }>;

export async function measureLatency(link: Link, plan: LatencyPlan): Promise<LatencyRun> {
  const pulses = startPulseSource(plan.periodMs);
  const stamps = startStampSource();
  const received = await link(pulses.track, stamps.track);
  const detector = detectPulses(received.microphone, plan.periodMs / 2);
  const reader = readStamps(received.camera);

  await sleep(plan.warmUpMs);
  pulses.arm();
  stamps.arm();
  await sleep(plan.pulses * plan.periodMs);
  pulses.stop();
  stamps.stop();
  // The last pulse and frames are still in flight.
  await sleep(plan.periodMs);

  detector.stop();
  reader.stop();
  await received.close();

  const sentPulses = pulses.sentAt.slice(0, plan.pulses);
  return {
    audio: pairPulses(sentPulses, detector.detectedAt),
    audioSent: sentPulses.length,
    video: pairFrames(stamps.sentAt, reader.arrivedAt),
    videoSent: stamps.sentAt.size,
    unreadableFrames: reader.unreadable,
  };
}

export const directLink: Link = async (microphone, camera) => {
  const pair = await connectDirectPair([microphone, camera]);
  const byKind = (kind: string) => pair.received.find((track) => track.kind === kind)!;
  return {
    microphone: byKind('audio'),
    camera: byKind('video'),
    close: async () => pair.close(),
  };
};

/** A bedside cart sending to a neurologist through a fresh MediaRoom on `pool`. */
export function sfuLink(pool: MediaWorkerPool, logger: MediaLogger, sessionId: string): Link {
  return async (microphone, camera) => {
    const room = await MediaRoom.open({
      sessionId,
      pool,
      config: { listenIp: '127.0.0.1', iceServers: [] },
      logger,
      notify: () => {},
    });
    const cart = await BenchPeer.join(room, 'bedside-cart', logger);
    const neurologist = await BenchPeer.join(room, 'neurologist', logger);

    const microphoneId = await cart.produce(microphone, 'microphone');
    const cameraId = await cart.produce(camera, 'camera');
    return {
      microphone: await neurologist.consume(microphoneId),
      camera: await neurologist.consume(cameraId),
      async close() {
        await neurologist.leave();
        await cart.leave();
        room.close();
      },
    };
  };
}

/** Pools the samples of several runs of one path. */
export function mergeRuns(runs: LatencyRun[]): LatencyRun {
  return {
    audio: runs.flatMap((run) => run.audio),
    audioSent: runs.reduce((sum, run) => sum + run.audioSent, 0),
    video: runs.flatMap((run) => run.video),
    videoSent: runs.reduce((sum, run) => sum + run.videoSent, 0),
    unreadableFrames: runs.reduce((sum, run) => sum + run.unreadableFrames, 0),
  };
}
