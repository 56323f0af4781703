import { describe, expect, it } from 'vitest';

import { TransferSyntax } from '@/server/archive/dimse/index.js';
import { negotiatePresentationContexts } from '@/server/archive/dimse/presentation-context-negotiation.js';
import { isStorageSOPClass, VERIFICATION_SOP_CLASS } from '@/server/archive/dimse/sop-class.js';
import { DEFAULT_ACCEPTED_TRANSFER_SYNTAXES } from '@/server/archive/dimse/transfer-syntax.js';

const CT = '1.2.840.10008.5.1.4.1.1.2';
const STUDY_ROOT_FIND = '1.2.840.10008.5.1.4.1.2.2.1';

const archivePolicy = {
  acceptedTransferSyntaxes: DEFAULT_ACCEPTED_TRANSFER_SYNTAXES,
  acceptsAbstractSyntax: (uid: string) => uid === VERIFICATION_SOP_CLASS || isStorageSOPClass(uid),
};

describe('negotiatePresentationContexts', () => {
  it('accepts the first transfer syntax in the order the modality offers them', () => {
    const [context] = negotiatePresentationContexts(
      [
        {
          id: 1,
          abstractSyntax: CT,
          transferSyntaxes: [
            '1.2.840.10008.1.2.4.100', // MPEG-2, which the archive does not take
            TransferSyntax.JPEGLSLossless,
            TransferSyntax.ImplicitVRLittleEndian,
          ],
        },
      ],
      archivePolicy,
    );

    expect(context).toEqual({
      id: 1,
      result: 0,
      abstractSyntax: CT,
      transferSyntax: TransferSyntax.JPEGLSLossless,
    });
  });

  it('accepts Verification and refuses Query/Retrieve with reason 3', () => {
    const transferSyntaxes = [TransferSyntax.ImplicitVRLittleEndian];
    const answers = negotiatePresentationContexts(
      [
        { id: 1, abstractSyntax: VERIFICATION_SOP_CLASS, transferSyntaxes },
        { id: 3, abstractSyntax: STUDY_ROOT_FIND, transferSyntaxes },
      ],
      archivePolicy,
    );

    expect(answers.map((answer) => answer.result)).toEqual([0, 3]);
  });

  it('refuses a context with only syntaxes outside the configured list with reason 4', () => {
    const [context] = negotiatePresentationContexts(
      [{ id: 1, abstractSyntax: CT, transferSyntaxes: [TransferSyntax.JPEG2000] }],
      { ...archivePolicy, acceptedTransferSyntaxes: [TransferSyntax.ExplicitVRLittleEndian] },
    );

    expect(context.result).toBe(4);
  });

  it('refuses even and repeated context ids', () => {
    const syntaxes = [TransferSyntax.ExplicitVRLittleEndian];
    const answers = negotiatePresentationContexts(
      [
        { id: 2, abstractSyntax: CT, transferSyntaxes: syntaxes },
        { id: 5, abstractSyntax: CT, transferSyntaxes: syntaxes },
        { id: 5, abstractSyntax: CT, transferSyntaxes: syntaxes },
      ],
      archivePolicy,
    );

    expect(answers.map((answer) => answer.result)).toEqual([2, 0, 2]);
  });
});

describe('isStorageSOPClass', () => {
  it.each([
    [CT, true],
    ['1.2.840.10008.5.1.4.1.1.88.22', true], // Enhanced SR
    ['1.2.840.10008.5.1.4.38.1', true], // Hanging Protocol Storage
    [STUDY_ROOT_FIND, false],
    [VERIFICATION_SOP_CLASS, false],
    ['1.2.840.10008.5.1.4.1.1.', false],
    ['1.2.840.10008.5.1.4.1.1.2..1', false],
    ['1.3.12.2.1107.5.9.1', false], // a vendor's private storage class
  ])('%s → %s', (uid, expected) => {
    expect(isStorageSOPClass(uid)).toBe(expected);
  });
});
