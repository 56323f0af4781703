import { describe, expect, it } from 'vitest';

import {
  answerAssociateRq,
  type AcceptanceSettings,
} from '@/server/archive/dimse/association-acceptance.js';
import { IMPLEMENTATION_CLASS_UID } from '@/server/archive/dimse/implementation.js';
import { DICOM_APPLICATION_CONTEXT, type AssociateRq } from '@/server/archive/dimse/pdu.js';
import { DEFAULT_ACCEPTED_TRANSFER_SYNTAXES } from '@/server/archive/dimse/transfer-syntax.js';

const request: AssociateRq = {
  type: 'associate-rq',
  protocolVersion: 1,
  calledAE: 'ARCHIPEL',
  callingAE: 'CT_NORTH',
  applicationContext: DICOM_APPLICATION_CONTEXT,
  presentationContexts: [
    { id: 1, abstractSyntax: '1.2.840.10008.1.1', transferSyntaxes: ['1.2.840.10008.1.2'] },
    {
      id: 3,
      abstractSyntax: '1.2.840.10008.5.1.4.1.2.2.1', // Study Root Query/Retrieve FIND
      transferSyntaxes: ['1.2.840.10008.1.2'],
    },
  ],
  userInformation: { maxPduLength: 16384 },
};

type Settings = AcceptanceSettings<string>;

function settings(overrides: Partial<Settings> = {}): Settings {
  return {
    aeTitle: 'ARCHIPEL',
    maxPduLength: 32768,
    remoteAddress: '127.0.0.1',
    atCapacity: false,
    acceptedTransferSyntaxes: DEFAULT_ACCEPTED_TRANSFER_SYNTAXES,
    acceptsAbstractSyntax: (uid) => uid === '1.2.840.10008.1.1',
    acceptAssociation: async () => ({ accept: true, context: 'site-north' }),
    ...overrides,
  };
}

describe('answerAssociateRq', () => {
  it('accepts with the archive context, our max PDU and implementation identity', async () => {
    const outcome = await answerAssociateRq(request, settings());

    expect(outcome.accepted).toBe(true);
    if (!outcome.accepted) return;
    expect(outcome.context).toBe('site-north');
    expect([...outcome.presentationContexts.keys()]).toEqual([1]);
    expect(outcome.reply.presentationContexts.map((context) => context.result)).toEqual([0, 3]);
    expect(outcome.reply.userInformation).toEqual({
      maxPduLength: 32768,
      implementationClassUID: IMPLEMENTATION_CLASS_UID,
      implementationVersionName: 'ARCHIPEL_1',
    });
  });

  it('passes calling AE, called AE and peer address to the archive policy', async () => {
    const seen: unknown[] = [];
    await answerAssociateRq(
      request,
      settings({
        acceptAssociation: async (asked) => {
          seen.push(asked);
          return { accept: false, reason: 'calling-ae-not-recognized' };
        },
      }),
    );

    expect(seen).toEqual([
      { callingAE: 'CT_NORTH', calledAE: 'ARCHIPEL', remoteAddress: '127.0.0.1' },
    ]);
  });

  it.each([
    [{ protocolVersion: 2 }, 'protocol-version-not-supported'],
    [{ applicationContext: '1.2.3' }, 'application-context-name-not-supported'],
    [{ calledAE: 'OTHER' }, 'called-ae-not-recognized'],
  ] as const)('refuses %o permanently: %s', async (change, reason) => {
    let policyAsked = false;
    const outcome = await answerAssociateRq(
      { ...request, ...change },
      settings({
        acceptAssociation: async () => {
          policyAsked = true;
          return { accept: true, context: 'x' };
        },
      }),
    );

    expect(outcome.reply).toEqual({ type: 'associate-rj', permanent: true, reason });
    expect(policyAsked).toBe(false);
  });

  it('relays the archive refusal', async () => {
    const outcome = await answerAssociateRq(
      request,
      settings({
        acceptAssociation: async () => ({ accept: false, reason: 'called-ae-not-recognized' }),
      }),
    );

    expect(outcome.reply).toEqual({
      type: 'associate-rj',
      permanent: true,
      reason: 'called-ae-not-recognized',
    });
  });

  it('refuses transiently when full or when the archive policy throws', async () => {
    const failure = new Error('registry down');
    const full = await answerAssociateRq(request, settings({ atCapacity: true }));
    const broken = await answerAssociateRq(
      request,
      settings({
        acceptAssociation: async () => {
          throw failure;
        },
      }),
    );

    expect(full.reply).toEqual({
      type: 'associate-rj',
      permanent: false,
      reason: 'local-limit-exceeded',
    });
    expect(broken).toMatchObject({
      accepted: false,
      reply: { permanent: false, reason: 'no-reason-given' },
      policyError: failure,
    });
  });
});
