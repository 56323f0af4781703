import { describe, expect, it } from 'vitest';

import {
  CommandField,
  encodeCommandSet,
  NO_DATA_SET,
  type CommandSet,
} from '@/server/archive/dimse/command-set.js';
import {
  MessageAssembler,
  MessageAssemblyError,
} from '@/server/archive/dimse/message-assembler.js';
import type { Pdv } from '@/server/archive/dimse/pdu.js';

const store: CommandSet = {
  commandField: CommandField.CStoreRq,
  commandDataSetType: 0x0000,
  messageID: 4,
  affectedSOPClassUID: '1.2.840.10008.5.1.4.1.1.2',
  affectedSOPInstanceUID: '1.2.3',
};
const echo: CommandSet = {
  commandField: CommandField.CEchoRq,
  commandDataSetType: NO_DATA_SET,
  messageID: 5,
};

function pdv(fragment: Buffer, isCommand: boolean, isLast: boolean, contextId = 1): Pdv {
  return { presentationContextId: contextId, isCommand, isLast, fragment };
}

function fragments(bytes: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) parts.push(bytes.subarray(at, at + size));
  return parts;
}

const limits = { maxCommandBytes: 1024, maxDataSetBytes: 1000 };

describe('MessageAssembler', () => {
  it('completes a command-only message on its last fragment', () => {
    const assembler = new MessageAssembler(limits);
    const parts = fragments(encodeCommandSet(echo), 20);
    const last = parts.pop() as Buffer;

    for (const part of parts) expect(assembler.accept(pdv(part, true, false))).toBeUndefined();
    expect(assembler.inProgress).toBe(true);
    expect(assembler.accept(pdv(last, true, true))).toEqual({
      presentationContextId: 1,
      command: echo,
    });
    expect(assembler.inProgress).toBe(false);
  });

  it('joins data set fragments in order', () => {
    const assembler = new MessageAssembler(limits);
    const dataSet = Buffer.from(Array.from({ length: 999 }, (_, i) => i % 251));
    assembler.accept(pdv(encodeCommandSet(store), true, true));

    const parts = fragments(dataSet, 100);
    const results = parts.map((part, i) =>
      assembler.accept(pdv(part, false, i === parts.length - 1)),
    );

    expect(results.slice(0, -1).every((result) => result === undefined)).toBe(true);
    expect(results.at(-1)?.dataSet).toEqual(dataSet);
    expect(results.at(-1)?.command).toEqual(store);
  });

  it('drops a data set past the limit but still completes the message', () => {
    const assembler = new MessageAssembler(limits);
    assembler.accept(pdv(encodeCommandSet(store), true, true));

    assembler.accept(pdv(Buffer.alloc(600), false, false));
    assembler.accept(pdv(Buffer.alloc(600), false, false));
    const message = assembler.accept(pdv(Buffer.alloc(10), false, true));

    expect(message?.dataSet).toBeUndefined();
    expect(message?.oversizedDataSetBytes).toBe(1210);
    expect(assembler.inProgress).toBe(false);
  });

  it('refuses a data set fragment with no command before it', () => {
    const assembler = new MessageAssembler(limits);

    expect(() => assembler.accept(pdv(Buffer.alloc(4), false, true))).toThrow(
      /without a command announcing it/,
    );
  });

  it('refuses a fragment on another presentation context mid-message', () => {
    const assembler = new MessageAssembler(limits);
    assembler.accept(pdv(encodeCommandSet(store), true, true, 1));

    expect(() => assembler.accept(pdv(Buffer.alloc(4), false, true, 3))).toThrow(
      /context 3 interrupts a message on context 1/,
    );
  });

  it('refuses a new command before the data set ended', () => {
    const assembler = new MessageAssembler(limits);
    assembler.accept(pdv(encodeCommandSet(store), true, true));

    expect(() => assembler.accept(pdv(encodeCommandSet(echo), true, true))).toThrow(
      MessageAssemblyError,
    );
  });

  it('refuses a command set larger than any real command', () => {
    const assembler = new MessageAssembler(limits);

    expect(() => assembler.accept(pdv(Buffer.alloc(1025), true, false))).toThrow(
      /Command set exceeds 1024 bytes/,
    );
  });
});
