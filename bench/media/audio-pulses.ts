// Audio latency probe: a microphone track of silence broken by short 1 kHz tone pulses at known
// instants, and a detector on the receiving side that timestamps each pulse's arrival.

import { performance } from 'node:perf_hooks';

import { type AudioChunk, openAudioSink, wrtc } from './wrtc-extras';

const SAMPLE_RATE = 48_000;
const FRAME_MS = 10;
const SAMPLES_PER_FRAME = (SAMPLE_RATE * FRAME_MS) / 1000;
const PULSE_FRAMES = 2;
const PULSE_AMPLITUDE = 12_000;
// Opus smears a sharp onset a little ahead of itself; a quarter of the amplitude is well
// above that pre-echo and well below the decoded pulse.
const DETECT_THRESHOLD = PULSE_AMPLITUDE / 4;
// The source is driven by a polling timer that catches up on late frames, so that the audio
// clock stays right even when the event loop is busy; each frame goes out when it is due.
const POLL_MS = 2;

export interface PulseSource {
  track: MediaStreamTrack;
  /** performance.now() when each measured pulse's first frame was handed to libwebrtc. */
  sentAt: number[];
  /** Starts recording pulses; those before are warm-up (jitter buffer, bandwidth estimate). */
  arm(): void;
  stop(): void;
}

/** A pulse every `periodMs` (a multiple of 10 ms). */
export function startPulseSource(periodMs: number): PulseSource {
  const source = new wrtc.nonstandard.RTCAudioSource();
  const track = source.createTrack();
  const silence = new Int16Array(SAMPLES_PER_FRAME);
  const tone = new Int16Array(SAMPLES_PER_FRAME);
  for (let i = 0; i < SAMPLES_PER_FRAME; i += 1) {
    tone[i] = Math.round(PULSE_AMPLITUDE * Math.sin((2 * Math.PI * 1000 * i) / SAMPLE_RATE));
  }

  const framesPerPeriod = periodMs / FRAME_MS;
  const sentAt: number[] = [];
  let armed = false;
  let frame = 0;
  let nextDue = performance.now();

  const timer = setInterval(() => {
    while (performance.now() >= nextDue) {
      const phase = frame % framesPerPeriod;
      if (phase === 0 && armed) sentAt.push(performance.now());
      source.onData({
        samples: phase < PULSE_FRAMES ? tone : silence,
        sampleRate: SAMPLE_RATE,
        bitsPerSample: 16,
        channelCount: 1,
        numberOfFrames: SAMPLES_PER_FRAME,
      });
      frame += 1;
      nextDue += FRAME_MS;
    }
  }, POLL_MS);

  return {
    track,
    sentAt,
    arm: () => (armed = true),
    stop() {
      clearInterval(timer);
      track.stop();
    },
  };
}

export interface PulseDetector {
  /** performance.now() when each pulse's first loud chunk reached the sink. */
  detectedAt: number[];
  stop(): void;
}

/** Timestamps pulse onsets on a received track; a pulse re-arms after `quietMs` of silence. */
export function detectPulses(track: MediaStreamTrack, quietMs: number): PulseDetector {
  const sink = openAudioSink(track);
  const detectedAt: number[] = [];
  let lastLoudAt = -Infinity;

  sink.ondata = (chunk: AudioChunk) => {
    const now = performance.now();
    if (!isLoud(chunk)) return;
    if (now - lastLoudAt > quietMs) detectedAt.push(now);
    lastLoudAt = now;
  };

  return { detectedAt, stop: () => sink.stop() };
}

function isLoud({ samples }: AudioChunk): boolean {
  for (let i = 0; i < samples.length; i += 1) {
    if (Math.abs(samples[i]) > DETECT_THRESHOLD) return true;
  }
  return false;
}
