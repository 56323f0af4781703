/**
 * Decides how to answer an A-ASSOCIATE-RQ: refuse it with an A-ASSOCIATE-RJ, or accept it
 * with the presentation contexts we serve.
 */
import type { AssociationDecision, AssociationRequest } from './dimse-server-options.js';
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME } from './implementation.js';
import {
  negotiatePresentationContexts,
  type PresentationContextPolicy,
} from './presentation-context-negotiation.js';
import {
  DICOM_APPLICATION_CONTEXT,
  PresentationContextResult,
  type AssociateAc,
  type AssociateRj,
  type AssociateRq,
} from './pdu.js';

export interface AcceptedPresentationContext {
  id: number;
  abstractSyntax: string;
  transferSyntax: string;
}

export interface AcceptanceSettings<T> extends PresentationContextPolicy {
  aeTitle: string;
  maxPduLength: number;
  remoteAddress: string;
  atCapacity: boolean;
  acceptAssociation(request: AssociationRequest): Promise<AssociationDecision<T>>;
}

export type AcceptanceOutcome<T> =
  | {
      accepted: true;
      reply: AssociateAc;
      context: T;
      presentationContexts: Map<number, AcceptedPresentationContext>;
    }
  | { accepted: false; reply: AssociateRj; policyError?: unknown };

/**
 * Check order: protocol, application context, called AE title, capacity, then the archive's
 * own policy on the calling AE title, then each presentation context.
 */
export async function answerAssociateRq<T>(
  request: AssociateRq,
  settings: AcceptanceSettings<T>,
): Promise<AcceptanceOutcome<T>> {
  const refuse = (reason: AssociateRj['reason'], permanent = true, policyError?: unknown) => ({
    accepted: false as const,
    reply: { type: 'associate-rj' as const, permanent, reason },
    policyError,
  });

  // Checks that do not need the archive come first, so a wrong peer costs no database work.
  if ((request.protocolVersion & 0x0001) === 0) return refuse('protocol-version-not-supported');
  if (request.applicationContext !== DICOM_APPLICATION_CONTEXT) {
    return refuse('application-context-name-not-supported');
  }
  if (request.calledAE !== settings.aeTitle) return refuse('called-ae-not-recognized');
  if (settings.atCapacity) return refuse('local-limit-exceeded', false);

  let decision: AssociationDecision<T>;
  try {
    decision = await settings.acceptAssociation({
      callingAE: request.callingAE,
      calledAE: request.calledAE,
      remoteAddress: settings.remoteAddress,
    });
  } catch (policyError) {
    // The archive could not decide (database down): a transient refusal invites a retry.
    return refuse('no-reason-given', false, policyError);
  }
  if (!decision.accept) return refuse(decision.reason);

  const negotiated = negotiatePresentationContexts(request.presentationContexts, settings);
  const presentationContexts = new Map<number, AcceptedPresentationContext>();
  for (const context of negotiated) {
    if (context.result !== PresentationContextResult.Acceptance) continue;
    presentationContexts.set(context.id, {
      id: context.id,
      abstractSyntax: context.abstractSyntax,
      transferSyntax: context.transferSyntax,
    });
  }

  return {
    accepted: true,
    context: decision.context,
    presentationContexts,
    reply: {
      type: 'associate-ac',
      // PS3.8 9.3.3: both AE fields are returned as the requestor sent them.
      calledAE: request.calledAE,
      callingAE: request.callingAE,
      presentationContexts: negotiated,
      userInformation: {
        maxPduLength: settings.maxPduLength,
        implementationClassUID: IMPLEMENTATION_CLASS_UID,
        implementationVersionName: IMPLEMENTATION_VERSION_NAME,
      },
    },
  };
}
