import { describe, expect, it } from 'vitest';

import {
  createDimseServer,
  InvalidDimseServerOptionError,
  UnknownTransferSyntaxError,
  type DimseServerOptions,
} from '@/server/archive/dimse/index.js';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

const base: DimseServerOptions<null> = {
  aeTitle: 'ARCHIPEL',
  port: 0,
  logger: silent,
  acceptAssociation: async () => ({ accept: true, context: null }),
  onStore: async () => ({ status: 0 }),
};

describe('createDimseServer options', () => {
  it.each(['', '   ', 'MUCH_TOO_LONG_AE_TITLE', 'BACK\\SLASH', 'TAB\tAE'])(
    'refuses AE title %j',
    (aeTitle) => {
      expect(() => createDimseServer({ ...base, aeTitle })).toThrow(InvalidDimseServerOptionError);
    },
  );

  it('names an unknown transfer syntax', () => {
    const mpeg2 = '1.2.840.10008.1.2.4.100';

    expect(() =>
      createDimseServer({ ...base, transferSyntaxes: ['1.2.840.10008.1.2', mpeg2] }),
    ).toThrow(new UnknownTransferSyntaxError(mpeg2));
  });

  it.each([
    ['maxPduLength', 1024],
    ['maxMessageBytes', 0],
    ['artimTimeoutMs', -1],
    ['maxAssociations', 1.5],
  ])('names option %s when out of range', (option, value) => {
    expect(() => createDimseServer({ ...base, [option]: value })).toThrow(
      `DIMSE server option ${option}`,
    );
  });

  it('closes safely when it never listened, twice', async () => {
    const server = createDimseServer(base);

    await server.close();
    await server.close();
  });

  it('binds 127.0.0.1 unless told otherwise and reports its port', async () => {
    const lines: object[] = [];
    const logger = { ...silent, info: (fields: object) => lines.push(fields) };
    const server = createDimseServer({ ...base, logger });

    const { port } = await server.listen();
    await server.close();

    expect(port).toBeGreaterThan(0);
    expect(lines[0]).toEqual({ aeTitle: 'ARCHIPEL', host: '127.0.0.1', port });
  });
});
