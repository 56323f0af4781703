import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { MediaLogger } from '../../server/media/logger';
import { handleMediaRequest } from '../../server/media/requests';
import { MediaRoom } from '../../server/media/room';
import { MediaWorkerPool } from '../../server/media/workers';
import { recordingLogger } from './recording-logger';

const PROJECT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// The server passes its pino logger; this line fails to compile if the two ever diverge.
const pinoLogger: MediaLogger = pino({ level: 'silent' });

describe('media requests on a room', () => {
  const logger = recordingLogger();
  let pool: MediaWorkerPool;
  let room: MediaRoom;

  beforeAll(async () => {
    pool = await MediaWorkerPool.start(
      { workerCount: 1, rtcMinPort: 41100, rtcMaxPort: 41199 },
      pinoLogger,
    );
  });

  afterAll(() => pool?.close());

  beforeEach(async () => {
    room = await MediaRoom.open({
      sessionId: 'case-session-requests',
      pool,
      config: { listenIp: '127.0.0.1', iceServers: [] },
      logger,
      notify: () => {},
    });
  });

  afterEach(() => room.close());

  const request = (peerId: string, name: Parameters<typeof handleMediaRequest>[2], data: unknown) =>
    handleMediaRequest(room, peerId, name, data, logger);

  async function joinedPeer(peerId: string) {
    const capabilities = await request(peerId, 'getRouterRtpCapabilities', {});
    if (!capabilities.ok) throw new Error('no router capabilities');
    await request(peerId, 'join', { rtpCapabilities: capabilities.data });
  }

  it('refuses malformed data with the zod issues', async () => {
    const result = await request('neurologist', 'createTransport', { direction: 'sideways' });

    expect(result).toMatchObject({ ok: false, reason: 'invalidRequest' });
    expect(result.ok ? [] : result.issues).toHaveLength(1);
  });

  it('refuses an unknown request name', async () => {
    const result = await handleMediaRequest(
      room,
      'neurologist',
      'dropTable' as 'leave',
      {},
      logger,
    );
    expect(result).toEqual({ ok: false, reason: 'invalidRequest' });
  });

  it('refuses a peer that has not joined, naming it', async () => {
    const result = await request('radiologist', 'createTransport', { direction: 'send' });
    expect(result).toEqual({ ok: false, reason: 'notJoined', id: 'radiologist' });
  });

  it('offers UDP and TCP candidates, or TCP only when asked', async () => {
    await joinedPeer('neurologist');

    const both = await request('neurologist', 'createTransport', { direction: 'send' });
    const tcpOnly = await request('neurologist', 'createTransport', {
      direction: 'recv',
      forceTcp: true,
    });

    const protocols = (result: typeof both) =>
      result.ok && 'iceCandidates' in result.data
        ? result.data.iceCandidates.map((c) => c.protocol)
        : [];
    expect(protocols(both).sort()).toEqual(['tcp', 'udp']);
    expect(protocols(tcpOnly)).toEqual(['tcp']);
  });

  it('caps the transports of one peer', async () => {
    await joinedPeer('neurologist');

    for (let i = 0; i < 4; i += 1)
      await request('neurologist', 'createTransport', { direction: 'recv' });
    const fifth = await request('neurologist', 'createTransport', { direction: 'recv' });

    expect(fifth).toEqual({ ok: false, reason: 'tooManyTransports', id: 'neurologist' });
  });

  it('refuses to produce on a recv transport and to consume an unknown producer', async () => {
    await joinedPeer('neurologist');
    const recv = await request('neurologist', 'createTransport', { direction: 'recv' });
    const transportId = recv.ok && 'id' in recv.data ? recv.data.id : '';

    const produced = await request('neurologist', 'produce', {
      transportId,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100 }] },
    });
    const consumed = await request('neurologist', 'consume', { transportId, producerId: 'gone' });

    expect(produced).toEqual({ ok: false, reason: 'wrongTransportDirection', id: transportId });
    expect(consumed).toEqual({ ok: false, reason: 'producerNotFound', id: 'gone' });
  });

  it('closes the transports of a peer that leaves; leaving twice is harmless', async () => {
    await joinedPeer('neurologist');
    await request('neurologist', 'createTransport', { direction: 'send' });
    await request('neurologist', 'createTransport', { direction: 'recv' });

    expect(await request('neurologist', 'leave', {})).toEqual({ ok: true, data: {} });
    expect(await request('neurologist', 'leave', {})).toEqual({ ok: true, data: {} });
    expect(((await room.dump()) as { transportIds: string[] }).transportIds).toEqual([]);
  });

  it('refuses every request once the room is closed; closing twice is harmless', async () => {
    room.close();
    room.close();

    const result = await request('neurologist', 'getRouterRtpCapabilities', {});
    expect(result).toEqual({ ok: false, reason: 'roomClosed', id: 'case-session-requests' });
  });
});

describe('media worker binary', () => {
  it('names the build command when the worker binary is missing', async () => {
    const script =
      "const { MediaWorkerPool } = await import('./server/media/workers.ts');" +
      'const config = { workerCount: 1, rtcMinPort: 41200, rtcMaxPort: 41209 };' +
      'await MediaWorkerPool.start(config, console)' +
      '.catch((error) => { console.log(error.message); });';
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '--eval', script],
      {
        cwd: PROJECT_DIR,
        env: { ...process.env, MEDIASOUP_WORKER_BIN: '/nonexistent/mediasoup-worker' },
      },
    );

    expect(stdout).toContain('mediasoup worker binary not found at /nonexistent/mediasoup-worker');
    expect(stdout).toContain('npm run media:worker');
  });
});
