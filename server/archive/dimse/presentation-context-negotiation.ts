/**
 * Answers each presentation context of an A-ASSOCIATE-RQ (PS3.8 9.3.3.2, PS3.7 Annex D).
 */
import {
  PresentationContextResult,
  type NegotiatedPresentationContext,
  type ProposedPresentationContext,
} from './pdu.js';
import { TransferSyntax } from './transfer-syntax.js';

export interface PresentationContextPolicy {
  /** Transfer syntaxes the archive stores as received. */
  acceptedTransferSyntaxes: readonly string[];
  /** SOP classes the archive serves as SCP. */
  acceptsAbstractSyntax(sopClassUID: string): boolean;
}

/**
 * Accept every context whose abstract syntax we serve, with the first transfer syntax in the
 * calling AE's order that we also accept: the modality lists its preference first, and taking
 * it spares the modality a transcoding step.
 */
export function negotiatePresentationContexts(
  proposed: readonly ProposedPresentationContext[],
  policy: PresentationContextPolicy,
): NegotiatedPresentationContext[] {
  const seenIds = new Set<number>();

  return proposed.map((context) => {
    const answer = (
      result: NegotiatedPresentationContext['result'],
      transferSyntax: string = TransferSyntax.ImplicitVRLittleEndian,
    ): NegotiatedPresentationContext => ({
      id: context.id,
      result,
      abstractSyntax: context.abstractSyntax,
      transferSyntax,
    });

    // PS3.8 9.3.2.2: context ids are odd and unique within the association.
    const validId = context.id % 2 === 1 && !seenIds.has(context.id);
    seenIds.add(context.id);
    if (!validId) return answer(PresentationContextResult.NoReason);

    if (!policy.acceptsAbstractSyntax(context.abstractSyntax)) {
      return answer(PresentationContextResult.AbstractSyntaxNotSupported);
    }

    const chosen = context.transferSyntaxes.find((uid) =>
      policy.acceptedTransferSyntaxes.includes(uid),
    );
    if (!chosen) return answer(PresentationContextResult.TransferSyntaxesNotSupported);

    return answer(PresentationContextResult.Acceptance, chosen);
  });
}
