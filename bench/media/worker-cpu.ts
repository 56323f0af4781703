// CPU of the mediasoup worker per forwarded stream: k calls of two peers on one worker, each
// peer sending microphone and camera (the test fixture's synthetic media) and receiving the
// other's, so the worker forwards 4k streams. The worker's utime + stime over a fixed window
// is divided by the number of forwarded streams.
//
// NOTE: every peer is a real libwebrtc encoder and decoder in this Node process, on the same
// two cores as the worker. The machine's load is printed beside each row: near 100 % the
// worker waits for a core, and libwebrtc lowers frame rate or resolution, so fewer packets
// reach the worker and its CPU per stream reads low. CPU per 1000 packets is printed for that.

import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

import type { MediaLogger } from '../../server/media/logger';
import { MediaRoom } from '../../server/media/room';
import type { MediaWorkerPool } from '../../server/media/workers';
import { startSyntheticMedia } from '../../test/media/fixtures/synthetic-media';
import { printTable } from './figures';
import { machineTicks, processCpuSeconds } from './proc-cpu';
import { BenchPeer } from './sfu-peer';

const WARM_UP_MS = 4000;
const WINDOW_MS = 10_000;

interface Call {
  room: MediaRoom;
  peers: BenchPeer[];
  stop(): Promise<void>;
}

async function openCall(pool: MediaWorkerPool, logger: MediaLogger, index: number) {
  const room = await MediaRoom.open({
    sessionId: `bench-cpu-${index}`,
    pool,
    config: { listenIp: '127.0.0.1', iceServers: [] },
    logger,
    notify: () => {},
  });
  const peers = [
    await BenchPeer.join(room, 'bedside-cart', logger),
    await BenchPeer.join(room, 'neurologist', logger),
  ];
  const media = peers.map(() => startSyntheticMedia());

  const produced = await Promise.all(
    peers.map(async (peer, i) => [
      await peer.produce(media[i].audioTrack, 'microphone'),
      await peer.produce(media[i].videoTrack, 'camera'),
    ]),
  );
  for (const producerId of produced[1]) await peers[0].consume(producerId);
  for (const producerId of produced[0]) await peers[1].consume(producerId);

  const call: Call = {
    room,
    peers,
    async stop() {
      for (const synthetic of media) synthetic.stop();
      for (const peer of peers) await peer.leave();
      room.close();
    },
  };
  return call;
}

/** Packets the SFU sent to receivers so far, and how many consumers have sent any. */
async function forwarded(calls: Call[]): Promise<{ packets: number; streams: number }> {
  let packets = 0;
  let streams = 0;
  for (const { room, peers } of calls) {
    for (const peer of peers) {
      for (const consumer of (await room.getStats(peer.peerId)).consumers) {
        packets += consumer.packetCount;
        if (consumer.packetCount > 0) streams += 1;
      }
    }
  }
  return { packets, streams };
}

export async function measureWorkerCpu(
  pool: MediaWorkerPool,
  logger: MediaLogger,
  callCounts: number[],
): Promise<void> {
  const pid = pool.workers[0].pid;
  const rows: string[][] = [];
  const points: Array<{ streams: number; percent: number }> = [];

  for (const k of callCounts) {
    const calls: Call[] = [];
    for (let i = 0; i < k; i += 1) calls.push(await openCall(pool, logger, i));
    await sleep(WARM_UP_MS);

    const before = {
      worker: processCpuSeconds(pid),
      machine: machineTicks(),
      bench: process.cpuUsage(),
      forwarded: await forwarded(calls),
      at: performance.now(),
    };
    await sleep(WINDOW_MS);
    const seconds = (performance.now() - before.at) / 1000;
    const workerSeconds = processCpuSeconds(pid) - before.worker;
    const machine = machineTicks();
    const bench = process.cpuUsage(before.bench);
    const after = await forwarded(calls);

    const streams = 4 * k;
    const workerPercent = (100 * workerSeconds) / seconds;
    const packetsPerSecond = (after.packets - before.forwarded.packets) / seconds;
    const busy = machine.busy - before.machine.busy;
    const total = machine.total - before.machine.total;
    points.push({ streams, percent: workerPercent });
    rows.push([
      String(k),
      `${after.streams}/${streams}`,
      packetsPerSecond.toFixed(0),
      workerPercent.toFixed(2),
      (workerPercent / streams).toFixed(3),
      ((1000 * workerSeconds) / ((packetsPerSecond * seconds) / 1000)).toFixed(2),
      ((100 * (bench.user + bench.system)) / 1e6 / seconds).toFixed(0),
      ((100 * busy) / total).toFixed(0),
    ]);

    for (const call of calls) await call.stop();
  }

  printTable(
    [
      'calls',
      'streams flowing',
      'fwd pkt/s',
      'worker %core',
      '%core/stream',
      'worker ms/1000 pkt',
      'peers %core',
      'machine busy %',
    ],
    rows,
  );
  const { fixed, perStream } = fitLine(points);
  console.log(
    `least-squares fit: worker %core = ${fixed.toFixed(2)} + ${perStream.toFixed(3)} ` +
      'x forwarded streams (fixed cost, then the marginal cost of one more stream)',
  );
  console.log(
    `window ${WINDOW_MS / 1000} s after ${WARM_UP_MS / 1000} s warm-up; worker CPU from ` +
      `/proc/${pid}/stat (10 ms ticks);\n%core = 100 per fully used core; machine busy % ` +
      'averages both cores; "peers" is this Node process (all libwebrtc peers).',
  );
}

function fitLine(points: Array<{ streams: number; percent: number }>) {
  const n = points.length;
  const meanX = points.reduce((sum, p) => sum + p.streams, 0) / n;
  const meanY = points.reduce((sum, p) => sum + p.percent, 0) / n;
  let covariance = 0;
  let variance = 0;
  for (const p of points) {
    covariance += (p.streams - meanX) * (p.percent - meanY);
    variance += (p.streams - meanX) ** 2;
  }
  const perStream = covariance / variance;
  return { fixed: meanY - perStream * meanX, perStream };
}
