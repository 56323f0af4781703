import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  CommandField,
  decodeCommandSet,
  encodeCommandSet,
  type CommandSet,
} from '@/server/archive/dimse/command-set.js';
import type { Pdu, Pdv } from '@/server/archive/dimse/pdu.js';

import { peerArgs, requireDcmtk, runDcmtk } from './support/dcmtk.js';
import {
  dicomFilesIn,
  readPart10,
  readPart10File,
  requireFixtureFolder,
} from './support/dicom-fixtures.js';
import { CT_IMAGE_STORAGE, RawPeer } from './support/raw-peer.js';
import { KNOWN_MODALITY, startTestServer, type TestServer } from './support/test-server.js';

let archive: TestServer | undefined;
let slice: { sopInstanceUID: string; dataSet: Buffer };

beforeAll(() => {
  requireDcmtk();
  const view = readPart10File(dicomFilesIn(requireFixtureFolder('head-ct'))[0]);
  slice = { sopInstanceUID: view.meta.get('0002,0003') as string, dataSet: view.dataSet };
});
afterEach(async () => {
  await archive?.server.close();
  archive = undefined;
});

function storeRequest(messageID = 1): CommandSet {
  return {
    commandField: CommandField.CStoreRq,
    messageID,
    priority: 0,
    commandDataSetType: 0x0000,
    affectedSOPClassUID: CT_IMAGE_STORAGE,
    affectedSOPInstanceUID: slice.sopInstanceUID,
  };
}

/** Collects P-DATA PDUs until a last command fragment, and decodes that command. */
async function readResponse(peer: RawPeer): Promise<{ command: CommandSet; pdus: Pdu[] }> {
  const pdus: Pdu[] = [];
  const fragments: Uint8Array[] = [];
  for (;;) {
    const pdu = await peer.nextPdu();
    if (!pdu || pdu.type !== 'p-data') throw new Error(`Expected P-DATA-TF, got ${pdu?.type}`);
    pdus.push(pdu);
    for (const pdv of pdu.pdvs) fragments.push(pdv.fragment);
    if (pdu.pdvs.at(-1)?.isLast) break;
  }
  return { command: decodeCommandSet(Buffer.concat(fragments)), pdus };
}

async function expectEchoStillWorks(port: number): Promise<void> {
  const run = await runDcmtk('echoscu', peerArgs(port, KNOWN_MODALITY));
  expect(run.exitCode, run.output).toBe(0);
}

describe('a peer that is not a DICOM modality', () => {
  it('aborts a client sending garbage and keeps serving others', async () => {
    archive = await startTestServer();
    const peer = await RawPeer.connect(archive.port);

    peer.write('GET / HTTP/1.1\r\nHost: archive\r\n\r\n');

    expect(await peer.nextPdu()).toEqual({
      type: 'abort',
      source: 'service-provider',
      reason: 'unrecognized-pdu',
    });
    await peer.closed;
    await expectEchoStillWorks(archive.port);
  });

  it('refuses an announced 4 GB PDU after its six-byte header', async () => {
    archive = await startTestServer();
    const peer = await RawPeer.connect(archive.port);

    peer.write(Buffer.from([0x04, 0x00, 0xff, 0xff, 0xff, 0xf0]));

    const reply = await peer.nextPdu();
    expect(reply).toMatchObject({ type: 'abort', reason: 'invalid-pdu-parameter-value' });
    await peer.closed;
    await expectEchoStillWorks(archive.port);
  });

  it('aborts an A-ASSOCIATE-RQ whose items overrun the PDU', async () => {
    archive = await startTestServer();
    const peer = await RawPeer.connect(archive.port);

    const body = Buffer.alloc(80, 0x20);
    body.writeUInt16BE(1, 0);
    Buffer.from([0x10, 0x00, 0x7f, 0xff]).copy(body, 68); // item claims 32 KiB, has 8 bytes
    const header = Buffer.from([0x01, 0x00, 0, 0, 0, 0]);
    header.writeUInt32BE(body.length, 2);
    peer.write(Buffer.concat([header, body]));

    const reply = await peer.nextPdu();
    expect(reply).toMatchObject({ type: 'abort', reason: 'invalid-pdu-parameter-value' });
    await peer.closed;
  });

  it('aborts P-DATA sent before any association', async () => {
    archive = await startTestServer();
    const peer = await RawPeer.connect(archive.port);

    peer.send({ type: 'release-rq' });

    expect(await peer.nextPdu()).toMatchObject({ type: 'abort', reason: 'unexpected-pdu' });
    await peer.closed;
  });

  it('closes a silent connection when the ARTIM timer expires', async () => {
    archive = await startTestServer({ artimTimeoutMs: 50 });
    const peer = await RawPeer.connect(archive.port);

    await peer.closed;
    expect(await peer.nextPdu()).toBeUndefined();
    expect(archive.log.some((line) => line.message?.startsWith('ARTIM timer expired'))).toBe(true);
  });
});

describe('an established association', () => {
  it('aborts after the idle timeout', async () => {
    archive = await startTestServer({ idleTimeoutMs: 50 });
    const peer = await RawPeer.connect(archive.port);
    expect(await peer.associate()).toMatchObject({ type: 'associate-ac' });

    expect(await peer.nextPdu()).toMatchObject({ type: 'abort', source: 'service-user' });
    await peer.closed;
  });

  it('aborts a PDV on a presentation context it did not accept', async () => {
    archive = await startTestServer();
    const peer = await RawPeer.connect(archive.port);
    await peer.associate();

    peer.sendMessage(3, storeRequest(), slice.dataSet);

    const reply = await peer.nextPdu();
    expect(reply).toMatchObject({ type: 'abort', reason: 'unexpected-pdu-parameter' });
    await peer.closed;
    expect(archive.stored).toHaveLength(0);
  });

  it('reassembles tiny fragments, several PDVs to a PDU', async () => {
    archive = await startTestServer();
    const peer = await RawPeer.connect(archive.port);
    await peer.associate();

    const pdv = (bytes: Buffer, isCommand: boolean, isLast: boolean): Pdv => ({
      presentationContextId: 1,
      isCommand,
      isLast,
      fragment: bytes,
    });
    const command = encodeCommandSet(storeRequest(7));
    const third = Math.ceil(command.length / 3);
    peer.send({
      type: 'p-data',
      pdvs: [0, 1, 2].map((i) => pdv(command.subarray(i * third, (i + 1) * third), true, i === 2)),
    });
    const size = 997;
    const pieces: Buffer[] = [];
    for (let at = 0; at < slice.dataSet.length; at += size) {
      pieces.push(slice.dataSet.subarray(at, at + size));
    }
    for (let at = 0; at < pieces.length; at += 5) {
      const group = pieces.slice(at, at + 5);
      peer.send({
        type: 'p-data',
        pdvs: group.map((bytes, i) => pdv(bytes, false, at + i === pieces.length - 1)),
      });
    }

    const { command: response } = await readResponse(peer);
    expect(response).toMatchObject({
      commandField: CommandField.CStoreRsp,
      messageIDBeingRespondedTo: 7,
      status: 0,
    });
    expect(Buffer.compare(readPart10(archive.stored[0].part10).dataSet, slice.dataSet)).toBe(0);
  });

  it('cuts its responses to the maximum PDU length the peer announced', async () => {
    archive = await startTestServer();
    const peer = await RawPeer.connect(archive.port);
    await peer.associate({ maxPduLength: 64 });

    peer.sendMessage(1, storeRequest(), slice.dataSet);
    const { command, pdus } = await readResponse(peer);

    expect(command.status).toBe(0);
    expect(pdus.length).toBeGreaterThan(1);
    for (const pdu of pdus) {
      if (pdu.type !== 'p-data') continue;
      const variableField = pdu.pdvs.reduce((sum, pdv) => sum + 6 + pdv.fragment.length, 0);
      expect(variableField).toBeLessThanOrEqual(64);
    }
  });

  it('refuses a C-FIND request: the archive does not answer queries yet', async () => {
    archive = await startTestServer();
    const peer = await RawPeer.connect(archive.port);
    await peer.associate();

    const studyRootFind = '1.2.840.10008.5.1.4.1.2.2.1';
    const find: CommandSet = {
      commandField: CommandField.CFindRq,
      messageID: 3,
      priority: 0,
      commandDataSetType: 0x0000,
      affectedSOPClassUID: studyRootFind,
    };
    peer.sendMessage(1, find, Buffer.alloc(0));

    const { command } = await readResponse(peer);
    expect(command).toMatchObject({ commandField: CommandField.CFindRsp, status: 0x0122 });
  });

  it('does not accept Query/Retrieve contexts, which findscu reports', async () => {
    archive = await startTestServer();

    const run = await runDcmtk('findscu', [
      '-S',
      '-k',
      'QueryRetrieveLevel=STUDY',
      ...peerArgs(archive.port, KNOWN_MODALITY),
    ]);

    expect(run.exitCode).not.toBe(0);
    expect(run.output).toMatch(/No Acceptable Presentation Contexts/i);
  });

  it('releases on A-RELEASE-RQ and closes when the peer aborts', async () => {
    archive = await startTestServer();
    const releasing = await RawPeer.connect(archive.port);
    await releasing.associate();
    releasing.send({ type: 'release-rq' });
    expect(await releasing.nextPdu()).toEqual({ type: 'release-rp' });
    releasing.destroy();

    const aborting = await RawPeer.connect(archive.port);
    await aborting.associate();
    aborting.send({ type: 'abort', source: 'service-user', reason: 'reason-not-specified' });
    await aborting.closed;
    await expectEchoStillWorks(archive.port);
  });

  it('refuses associations past the limit as transient', async () => {
    archive = await startTestServer({ maxAssociations: 1 });
    const holder = await RawPeer.connect(archive.port);
    await holder.associate();

    const run = await runDcmtk('echoscu', peerArgs(archive.port, KNOWN_MODALITY));

    expect(run.exitCode).not.toBe(0);
    expect(run.output).toContain('Rejected Transient');
    expect(run.output).toMatch(/Local Limit Exceeded/i);
    holder.destroy();
  });
});

describe('server close()', () => {
  it('lets the store in hand finish, then aborts; safe to call twice', async () => {
    let release: () => void = () => undefined;
    let entered: () => void = () => undefined;
    const storeEntered = new Promise<void>((resolve) => (entered = resolve));
    archive = await startTestServer({
      onStore: () =>
        new Promise((resolve) => {
          entered();
          release = () => resolve({ status: 0 });
        }),
    });
    const peer = await RawPeer.connect(archive.port);
    await peer.associate();
    peer.sendMessage(1, storeRequest(), slice.dataSet);
    await storeEntered;

    const first = archive.server.close();
    const second = archive.server.close();
    release();

    const { command } = await readResponse(peer);
    expect(command.status).toBe(0);
    expect(await peer.nextPdu()).toMatchObject({ type: 'abort', source: 'service-user' });
    await Promise.all([first, second, peer.closed]);
    await archive.server.close();
    expect(first).toBe(second);
  });
});
