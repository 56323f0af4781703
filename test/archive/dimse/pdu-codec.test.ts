import { describe, expect, it } from 'vitest';

import { decodePdu, PduDecodeError } from '@/server/archive/dimse/pdu-decode.js';
import { encodePdu } from '@/server/archive/dimse/pdu-encode.js';
import { DICOM_APPLICATION_CONTEXT, type Pdu } from '@/server/archive/dimse/pdu.js';

describe('PDU encoding', () => {
  it('writes an A-ASSOCIATE-RJ as PS3.8 Table 9-21 lays it out', () => {
    const bytes = encodePdu({
      type: 'associate-rj',
      permanent: true,
      reason: 'calling-ae-not-recognized',
    });

    expect([...bytes]).toEqual([0x03, 0x00, 0, 0, 0, 4, 0x00, 1, 1, 3]);
  });

  it('writes called-AE and transient local-limit refusals with their sources', () => {
    const called = encodePdu({
      type: 'associate-rj',
      permanent: true,
      reason: 'called-ae-not-recognized',
    });
    const busy = encodePdu({
      type: 'associate-rj',
      permanent: false,
      reason: 'local-limit-exceeded',
    });

    expect([...called.subarray(7)]).toEqual([1, 1, 7]);
    expect([...busy.subarray(7)]).toEqual([2, 3, 2]);
  });

  it('writes a P-DATA-TF with the message control header bits', () => {
    const bytes = encodePdu({
      type: 'p-data',
      pdvs: [
        { presentationContextId: 5, isCommand: true, isLast: true, fragment: Buffer.from([9]) },
      ],
    });

    expect([...bytes]).toEqual([0x04, 0, 0, 0, 0, 7, 0, 0, 0, 3, 5, 0x03, 9]);
  });

  it('zeroes the reason of a service-user abort', () => {
    const bytes = encodePdu({ type: 'abort', source: 'service-user', reason: 'unexpected-pdu' });

    expect([...bytes]).toEqual([0x07, 0, 0, 0, 0, 4, 0, 0, 0, 0]);
  });
});

describe('PDU round trip', () => {
  const pdus: Pdu[] = [
    {
      type: 'associate-rq',
      protocolVersion: 1,
      calledAE: 'ARCHIPEL',
      callingAE: 'CT_NORTH',
      applicationContext: DICOM_APPLICATION_CONTEXT,
      presentationContexts: [
        {
          id: 1,
          abstractSyntax: '1.2.840.10008.5.1.4.1.1.2',
          transferSyntaxes: ['1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2'],
        },
        { id: 3, abstractSyntax: '1.2.840.10008.1.1', transferSyntaxes: ['1.2.840.10008.1.2'] },
      ],
      userInformation: {
        maxPduLength: 16384,
        implementationClassUID: '1.2.3.4',
        implementationVersionName: 'SCANNER_9',
      },
    },
    {
      type: 'associate-ac',
      calledAE: 'ARCHIPEL',
      callingAE: 'CT_NORTH',
      presentationContexts: [
        { id: 1, result: 0, abstractSyntax: '', transferSyntax: '1.2.840.10008.1.2.4.80' },
        { id: 3, result: 3, abstractSyntax: '', transferSyntax: '1.2.840.10008.1.2' },
      ],
      userInformation: {
        maxPduLength: 65536,
        implementationClassUID: '2.25.1',
        implementationVersionName: 'ARCHIPEL_1',
      },
    },
    { type: 'associate-rj', permanent: false, reason: 'no-reason-given' },
    {
      type: 'p-data',
      pdvs: [
        { presentationContextId: 1, isCommand: false, isLast: false, fragment: Buffer.from('ab') },
        { presentationContextId: 1, isCommand: false, isLast: true, fragment: Buffer.alloc(0) },
      ],
    },
    { type: 'release-rq' },
    { type: 'release-rp' },
    { type: 'abort', source: 'service-provider', reason: 'invalid-pdu-parameter-value' },
  ];

  it.each(pdus)('decodes what it encodes: $type', (pdu) => {
    expect(decodePdu(encodePdu(pdu))).toEqual(pdu);
  });

  it('strips NUL padding from UIDs in items', () => {
    const bytes = encodePdu({
      type: 'associate-rq',
      protocolVersion: 1,
      calledAE: 'A',
      callingAE: 'B',
      applicationContext: `${DICOM_APPLICATION_CONTEXT}\0`,
      presentationContexts: [],
      userInformation: { maxPduLength: 0 },
    });

    const decoded = decodePdu(bytes);
    expect(decoded.type === 'associate-rq' && decoded.applicationContext).toBe(
      DICOM_APPLICATION_CONTEXT,
    );
  });
});

describe('PDU decoding of hostile input', () => {
  it('names an unknown PDU type', () => {
    expect(() => decodePdu(Buffer.from([0x47, 0x45, 0, 0, 0, 0]))).toThrow(/Unknown PDU type 0x47/);
  });

  it('refuses a PDV item longer than its PDU', () => {
    const bytes = Buffer.from([0x04, 0, 0, 0, 0, 6, 0, 0, 0, 200, 1, 3]);

    expect(() => decodePdu(bytes)).toThrow(PduDecodeError);
  });

  it('refuses a P-DATA-TF without PDVs', () => {
    expect(() => decodePdu(Buffer.from([0x04, 0, 0, 0, 0, 0]))).toThrow(/without any PDV/);
  });

  it('refuses an A-ASSOCIATE-RQ shorter than its fixed fields', () => {
    const bytes = Buffer.concat([Buffer.from([0x01, 0, 0, 0, 0, 10]), Buffer.alloc(10)]);

    expect(() => decodePdu(bytes)).toThrow(/A-ASSOCIATE-RQ is truncated/);
  });
});
