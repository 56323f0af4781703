// The media benchmark proper; bench/media.ts runs it inside a loopback-only network namespace.
// Prints figures only: one-way audio and video latency through the SFU and direct, then the
// mediasoup worker's CPU per forwarded stream for 1, 2, 4 and 8 calls.

import { loadMediaConfig } from '../../server/media/config';
import type { MediaLogger } from '../../server/media/logger';
import { MediaWorkerPool } from '../../server/media/workers';
import {
  directLink,
  type LatencyPlan,
  type LatencyRun,
  measureLatency,
  mergeRuns,
  sfuLink,
} from './latency';
import { printLatency, warnIfAmbiguous } from './latency-report';
import { machineTicks } from './proc-cpu';
import { measureWorkerCpu } from './worker-cpu';
import { exposeWrtcAsBrowserGlobals } from './wrtc-extras';

const LATENCY_PLAN: LatencyPlan = { pulses: 60, periodMs: 400, warmUpMs: 3000 };
const CALL_COUNTS = [1, 2, 4, 8];

const problems: string[] = [];
const logger: MediaLogger = {
  debug: () => {},
  info: () => {},
  warn: (fields, message) => problems.push(`warn ${message} ${JSON.stringify(fields)}`),
  error: (fields, message) => problems.push(`error ${message} ${JSON.stringify(fields)}`),
};

/**
 * A short unmeasured call first: the first call of the process otherwise pays for loading
 * and compiling code, its jitter buffer grows, and it reads up to 100 ms slower. Then the
 * paths alternate direct, SFU, SFU, direct so that a drift in machine load touches both.
 */
async function printLatencyFigures(pool: MediaWorkerPool): Promise<void> {
  const half = { ...LATENCY_PLAN, pulses: LATENCY_PLAN.pulses / 2 };
  await measureLatency(directLink, { ...LATENCY_PLAN, pulses: 8 });

  const before = machineTicks();
  const runs: Record<'direct' | 'sfu', LatencyRun[]> = { direct: [], sfu: [] };
  for (const [index, path] of (['direct', 'sfu', 'sfu', 'direct'] as const).entries()) {
    const link = path === 'direct' ? directLink : sfuLink(pool, logger, `bench-latency-${index}`);
    runs[path].push(await measureLatency(link, half));
  }
  const machine = machineTicks();

  console.log(
    `# One-way latency (ms): ${LATENCY_PLAN.pulses} audio pulses every ` +
      `${LATENCY_PLAN.periodMs} ms and 30 fps stamped 320x240 video, sent together`,
  );
  console.log('\n## Audio (Opus): pulse into RTCAudioSource -> first loud RTCAudioSink chunk');
  printLatency('audio', runs.sfu, runs.direct);
  warnIfAmbiguous([...runs.sfu, ...runs.direct], LATENCY_PLAN.periodMs);
  console.log('\n## Video (VP8): stamped frame into RTCVideoSource -> RTCVideoSink frame');
  printLatency('video', runs.sfu, runs.direct);

  const unreadable = (path: LatencyRun[]) => mergeRuns(path).unreadableFrames;
  const busy = (100 * (machine.busy - before.busy)) / (machine.total - before.total);
  console.log(`unreadable stamps: SFU ${unreadable(runs.sfu)}, direct ${unreadable(runs.direct)}`);
  console.log(`machine busy during the measured runs: ${busy.toFixed(0)} % of both cores`);
}

async function main(): Promise<void> {
  exposeWrtcAsBrowserGlobals();
  const config = loadMediaConfig({ MEDIA_WORKERS: '1', MEDIA_LISTEN_IP: '127.0.0.1' });
  const pool = await MediaWorkerPool.start(config, logger);

  await printLatencyFigures(pool);

  console.log('\n# mediasoup worker CPU per forwarded stream (one worker, calls of two peers)');
  await measureWorkerCpu(pool, logger, CALL_COUNTS);

  pool.close();
  if (problems.length > 0) console.log(`\nSFU warnings/errors:\n${problems.join('\n')}`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`media benchmark failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);
