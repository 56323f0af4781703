import { describe, expect, it } from 'vitest';

import { PduDecodeError } from '@/server/archive/dimse/pdu-decode.js';
import { encodePdu } from '@/server/archive/dimse/pdu-encode.js';
import { PduFramer } from '@/server/archive/dimse/pdu-framer.js';

const limits = { maxPDataLength: 4096, maxAssociateRqLength: 65536 };

const release = encodePdu({ type: 'release-rq' });
const data = encodePdu({
  type: 'p-data',
  pdvs: [
    { presentationContextId: 1, isCommand: false, isLast: true, fragment: Buffer.alloc(300, 7) },
  ],
});

describe('PduFramer', () => {
  it('cuts whole PDUs from a stream that arrives one byte at a time', () => {
    const framer = new PduFramer(limits);
    const stream = Buffer.concat([data, release]);

    const pdus = [...stream].flatMap((byte) => framer.push(Buffer.from([byte])));

    expect(pdus).toEqual([data, release]);
    expect(framer.pendingBytes).toBe(0);
  });

  it('returns several PDUs from one chunk and keeps the partial rest', () => {
    const framer = new PduFramer(limits);

    const first = framer.push(Buffer.concat([release, data, release.subarray(0, 3)]));
    const second = framer.push(release.subarray(3));

    expect(first).toEqual([release, data]);
    expect(second).toEqual([release]);
  });

  it('refuses a P-DATA-TF longer than our maximum PDU length from its header alone', () => {
    const framer = new PduFramer(limits);
    const header = Buffer.from([0x04, 0, 0, 0, 0x10, 0x01]); // 4097 bytes announced

    expect(() => framer.push(header)).toThrow(/announces 4097 bytes, limit is 4096/);
  });

  it('refuses an unknown PDU type before reading its body', () => {
    const framer = new PduFramer(limits);

    expect(() => framer.push(Buffer.from('\x16\x03\x01\x00\xa5\x01'))).toThrow(PduDecodeError);
  });

  it('refuses a release PDU claiming a large body', () => {
    const framer = new PduFramer(limits);

    expect(() => framer.push(Buffer.from([0x05, 0, 0, 1, 0, 0]))).toThrow(/limit is 1024/);
  });
});
