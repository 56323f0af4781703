import { afterEach, beforeAll, describe, expect, it } from 'vitest';

import {
  CommandField,
  decodeCommandSet,
  type CommandSet,
} from '@/server/archive/dimse/command-set.js';
import { DimseStatus } from '@/server/archive/dimse/index.js';

import { requireDcmtk } from './support/dcmtk.js';
import { dicomFilesIn, readPart10File, requireFixtureFolder } from './support/dicom-fixtures.js';
import { CT_IMAGE_STORAGE, RawPeer } from './support/raw-peer.js';
import { startTestServer, type TestServer } from './support/test-server.js';

const MR_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.4';

let archive: TestServer;
let peer: RawPeer;
let ct: { sopInstanceUID: string; dataSet: Buffer };
let mr: { sopInstanceUID: string; dataSet: Buffer };

function firstInstance(folder: string) {
  const view = readPart10File(dicomFilesIn(requireFixtureFolder(folder))[0]);
  return { sopInstanceUID: view.meta.get('0002,0003') as string, dataSet: view.dataSet };
}

beforeAll(() => {
  requireDcmtk();
  ct = firstInstance('head-ct');
  mr = firstInstance('brain-mr');
});
afterEach(async () => {
  peer?.destroy();
  await archive?.server.close();
});

async function store(command: Partial<CommandSet>, dataSet?: Buffer): Promise<CommandSet> {
  archive = await startTestServer();
  peer = await RawPeer.connect(archive.port);
  await peer.associate();

  peer.sendMessage(
    1,
    {
      commandField: CommandField.CStoreRq,
      messageID: 9,
      priority: 0,
      commandDataSetType: dataSet ? 0x0000 : 0x0101,
      affectedSOPClassUID: CT_IMAGE_STORAGE,
      affectedSOPInstanceUID: ct.sopInstanceUID,
      ...command,
    },
    dataSet,
  );

  const reply = await peer.nextPdu();
  if (reply?.type !== 'p-data') throw new Error(`Expected a C-STORE-RSP, got ${reply?.type}`);
  return decodeCommandSet(Buffer.concat(reply.pdvs.map((pdv) => pdv.fragment)));
}

describe('C-STORE request checks before the archive sees an instance', () => {
  it('answers 0xA900 when the data set holds another SOP class', async () => {
    const response = await store({ affectedSOPInstanceUID: mr.sopInstanceUID }, mr.dataSet);

    expect(response.status).toBe(DimseStatus.DataSetDoesNotMatchSOPClass);
    expect(response.errorComment).toBe('SOP Class UID in data set differs from request');
    expect(archive.stored).toHaveLength(0);
  });

  it('answers 0xC000 when the data set holds another SOP instance', async () => {
    const response = await store({ affectedSOPInstanceUID: '1.2.3.4' }, ct.dataSet);

    expect(response.status).toBe(DimseStatus.CannotUnderstand);
    expect(response.errorComment).toBe('SOP Instance UID in data set differs from request');
    expect(response.affectedSOPInstanceUID).toBe('1.2.3.4');
  });

  it('answers 0xC000 when the request carries no data set', async () => {
    const response = await store({});

    expect(response.status).toBe(DimseStatus.CannotUnderstand);
    expect(response.messageIDBeingRespondedTo).toBe(9);
  });

  it('answers 0xC000 for a data set it cannot read', async () => {
    const response = await store({}, Buffer.from('not a data set at all!'));

    expect(response.status).toBe(DimseStatus.CannotUnderstand);
    expect(archive.stored).toHaveLength(0);
  });

  it('answers 0x0122 when the SOP class is not the context’s abstract syntax', async () => {
    const response = await store({ affectedSOPClassUID: MR_IMAGE_STORAGE }, mr.dataSet);

    expect(response.status).toBe(DimseStatus.SOPClassNotSupported);
  });

  it('answers success for a matching request', async () => {
    const response = await store({}, ct.dataSet);

    expect(response).toMatchObject({
      commandField: CommandField.CStoreRsp,
      messageIDBeingRespondedTo: 9,
      affectedSOPClassUID: CT_IMAGE_STORAGE,
      affectedSOPInstanceUID: ct.sopInstanceUID,
      status: DimseStatus.Success,
    });
    expect(response.errorComment).toBeUndefined();
  });
});
