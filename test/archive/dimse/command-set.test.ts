import { describe, expect, it } from 'vitest';

import {
  CommandField,
  CommandSetDecodeError,
  decodeCommandSet,
  encodeCommandSet,
  NO_DATA_SET,
  type CommandSet,
} from '@/server/archive/dimse/command-set.js';

describe('DIMSE command set, implicit VR little endian', () => {
  const echoResponse: CommandSet = {
    commandField: CommandField.CEchoRsp,
    commandDataSetType: NO_DATA_SET,
    messageIDBeingRespondedTo: 1,
    affectedSOPClassUID: '1.2.840.10008.1.1',
    status: 0,
  };

  it('writes group length first and elements in ascending tag order', () => {
    const bytes = encodeCommandSet(echoResponse);

    // (0000,0000) UL, 4 bytes long: the length of everything after it.
    expect([...bytes.subarray(0, 8)]).toEqual([0, 0, 0, 0, 4, 0, 0, 0]);
    expect(bytes.readUInt32LE(8)).toBe(bytes.length - 12);
    // (0000,0002) "1.2.840.10008.1.1" is 17 characters, padded with NUL to 18.
    expect(bytes.readUInt16LE(14)).toBe(0x0002);
    expect(bytes.readUInt32LE(16)).toBe(18);
    expect(bytes[20 + 17]).toBe(0);
  });

  it('reads back what it writes', () => {
    expect(decodeCommandSet(encodeCommandSet(echoResponse))).toEqual(echoResponse);
  });

  it('pads an odd Error Comment with a space and reads it back trimmed', () => {
    const failure = { ...echoResponse, status: 0xa700, errorComment: 'disk full' };
    const bytes = encodeCommandSet(failure);

    expect(bytes.includes(Buffer.from('disk full '))).toBe(true);
    expect(decodeCommandSet(bytes).errorComment).toBe('disk full');
  });

  it('skips elements it has no use for', () => {
    const extra = Buffer.from([0x00, 0x00, 0x00, 0x06, 4, 0, 0, 0, ...Buffer.from('DEST')]);
    const bytes = Buffer.concat([encodeCommandSet(echoResponse), extra]);

    expect(decodeCommandSet(bytes)).toEqual(echoResponse);
  });

  it('names the missing Command Field', () => {
    const bytes = encodeCommandSet(echoResponse).subarray(0, 12);

    expect(() => decodeCommandSet(bytes)).toThrow(/no Command Field \(0000,0100\)/);
  });

  it('refuses an element that overruns the command set', () => {
    const bytes = Buffer.from([0x00, 0x00, 0x00, 0x01, 0xff, 0, 0, 0, 1, 2]);

    expect(() => decodeCommandSet(bytes)).toThrow(CommandSetDecodeError);
  });

  it('refuses data set elements inside a command', () => {
    const bytes = Buffer.from([0x08, 0x00, 0x16, 0x00, 0, 0, 0, 0]);

    expect(() => decodeCommandSet(bytes)).toThrow(/element \(0008,0016\)/);
  });
});
