/**
 * Routes one received DIMSE request to the service that answers it.
 */
import type { AcceptedPresentationContext } from './association-acceptance.js';
import { performCFind, type DimseReply } from './c-find-scp.js';
import { performCStore, type StoreAssociation } from './c-store-scp.js';
import { CommandField, NO_DATA_SET, type CommandSet } from './command-set.js';
import { DimseStatus } from './dimse-status.js';
import type { AssembledMessage } from './message-assembler.js';
import { VERIFICATION_SOP_CLASS } from './sop-class.js';

/** Responses of the C- and N- services are their request's command field with bit 15 set. */
const RESPONSE_BIT = 0x8000;

/**
 * Returns the responses in the order they go out: none for C-CANCEL, one for most
 * requests, one per match and a final one for C-FIND.
 */
export async function respondToRequest<T>(
  message: AssembledMessage,
  presentationContext: AcceptedPresentationContext,
  association: StoreAssociation<T>,
): Promise<DimseReply[]> {
  const reply = await respondOnce(message, presentationContext, association);
  if (Array.isArray(reply)) return reply;
  return reply ? [{ command: reply }] : [];
}

async function respondOnce<T>(
  message: AssembledMessage,
  presentationContext: AcceptedPresentationContext,
  association: StoreAssociation<T>,
): Promise<CommandSet | DimseReply[] | undefined> {
  const { command } = message;

  switch (command.commandField) {
    case CommandField.CEchoRq:
      return statusResponse(command, DimseStatus.Success, VERIFICATION_SOP_CLASS);

    case CommandField.CStoreRq:
      return performCStore(message, presentationContext, association);

    case CommandField.CCancelRq:
      // We never have a C-FIND, C-GET or C-MOVE in progress to cancel.
      return undefined;

    case CommandField.CFindRq:
      return performCFind(message, presentationContext, association);

    default:
      return statusResponse(command, DimseStatus.UnrecognizedOperation);
  }
}

function statusResponse(
  request: CommandSet,
  status: number,
  affectedSOPClassUID = request.affectedSOPClassUID,
): CommandSet {
  return {
    commandField: request.commandField | RESPONSE_BIT,
    commandDataSetType: NO_DATA_SET,
    messageIDBeingRespondedTo: request.messageID,
    affectedSOPClassUID,
    status,
  };
}
