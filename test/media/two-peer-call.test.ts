import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { beforeAll, describe, expect, it } from 'vitest';

import type { MediaNotification } from '../../server/media/protocol';
import type { PeerMediaStats } from '../../server/media/stats';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FIXTURE = 'test/media/fixtures/two-peer-call.ts';
const RESULT_MARK = 'TWO_PEER_CALL_RESULT ';

interface CallResult {
  allFlowing: boolean;
  stats: Record<
    string,
    { sfu: PeerMediaStats; received: Array<{ kind: string; packetsReceived: number }> }
  >;
  notifications: Record<string, MediaNotification[]>;
  routerAfterLeave: { transportIds: string[]; mapProducerIdConsumerIds: object };
  workerAfterClose: { routerIds: string[] };
  problems: string[];
}

/**
 * Runs the call in a fresh network namespace whose only interface is loopback: libwebrtc then
 * offers no other address, and the test sends nothing beyond 127.0.0.1. `--map-root-user`
 * lets a developer without root run it too, where user namespaces are enabled.
 */
function runCall(): Promise<CallResult> {
  const script = 'ip link set lo up && exec "$0" --import tsx "$1"';
  const child = spawn(
    'unshare',
    ['--map-root-user', '--net', '--', '/bin/sh', '-c', script, process.execPath, FIXTURE],
    { cwd: PROJECT_DIR, stdio: ['ignore', 'pipe', 'pipe'] },
  );

  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));

  return new Promise((resolve, reject) => {
    child.on('error', (error) =>
      reject(new Error(`cannot start unshare (util-linux) to isolate the call: ${error.message}`)),
    );
    child.on('close', (code) => {
      const line = stdout.split('\n').find((candidate) => candidate.startsWith(RESULT_MARK));
      if (code !== 0 || !line) {
        reject(new Error(`two-peer call exited with ${code}:\n${stderr}\n${stdout}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARK.length)) as CallResult);
    });
  });
}

describe('two peers calling through the SFU (wrtc on loopback)', () => {
  let call: CallResult;

  beforeAll(async () => {
    call = await runCall();
  });

  it('receives microphone and camera from each peer', () => {
    for (const peerId of ['bedside-cart', 'neurologist']) {
      const { producers } = call.stats[peerId].sfu;

      expect(producers.map((producer) => producer.kind).sort()).toEqual(['audio', 'video']);
      for (const producer of producers)
        expect(producer.packetCount, `${peerId} ${producer.kind}`).toBeGreaterThan(0);
    }
  });

  it("forwards each peer's streams to the other, and the other's libwebrtc receives them", () => {
    const cart = call.stats['bedside-cart'];
    const neurologist = call.stats.neurologist;
    const producerIds = (stats: PeerMediaStats) => stats.producers.map((p) => p.producerId).sort();
    const consumedIds = (stats: PeerMediaStats) => stats.consumers.map((c) => c.producerId).sort();

    expect(consumedIds(cart.sfu)).toEqual(producerIds(neurologist.sfu));
    expect(consumedIds(neurologist.sfu)).toEqual(producerIds(cart.sfu));

    for (const [peerId, stats] of Object.entries(call.stats)) {
      for (const consumer of stats.sfu.consumers) {
        expect(consumer.packetCount, `SFU -> ${peerId} ${consumer.kind}`).toBeGreaterThan(0);
      }
      expect(stats.received.map((stream) => stream.kind).sort()).toEqual(['audio', 'video']);
      for (const stream of stats.received) {
        expect(stream.packetsReceived, `${peerId} received ${stream.kind}`).toBeGreaterThan(0);
      }
    }
    expect(call.allFlowing).toBe(true);
  });

  it('tells the remaining peer that the leaving peer and its streams are gone', () => {
    const types = call.notifications.neurologist.map((notification) => notification.type).sort();
    expect(types).toEqual(['consumerClosed', 'consumerClosed', 'peerLeft']);

    const cartHeard = call.notifications['bedside-cart'].filter((n) => n.type === 'newProducer');
    expect(cartHeard).toHaveLength(2);
  });

  it('leaves no transport on the router after both leave, and no router after close', () => {
    expect(call.routerAfterLeave.transportIds).toEqual([]);
    expect(call.routerAfterLeave.mapProducerIdConsumerIds).toEqual({});
    expect(call.workerAfterClose.routerIds).toEqual([]);
  });

  it('logs no warning or error during the call', () => {
    expect(call.problems).toEqual([]);
  });
});
