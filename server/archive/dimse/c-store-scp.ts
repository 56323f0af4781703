/**
 * The Storage SCP side of C-STORE (PS3.4 Annex B, PS3.7 9.1.1): check the request, wrap the
 * data set into a Part 10 file, hand it to the archive and answer with its status.
 */
import type { AcceptedPresentationContext } from './association-acceptance.js';
import { CommandField, NO_DATA_SET, type CommandSet } from './command-set.js';
import { DataSetIdentityError, readDataSetIdentity } from './data-set-identity.js';
import type {
  DimseLogger,
  FindRequest,
  FindResult,
  StoreRequest,
  StoreResult,
} from './dimse-server-options.js';
import { DimseStatus, statusCarriesErrorComment } from './dimse-status.js';
import type { AssembledMessage } from './message-assembler.js';
import { buildPart10 } from './part10.js';

export interface StoreAssociation<T> {
  id: string;
  callingAE: string;
  context: T;
  logger: DimseLogger;
  onStore(request: StoreRequest<T>): Promise<StoreResult>;
  onFind?(request: FindRequest<T>): Promise<FindResult>;
}

/** Error Comment is LO: at most 64 characters (PS3.7 C.4). */
const MAX_ERROR_COMMENT = 64;

/**
 * Answers one C-STORE-RQ. Failures of the archive become DIMSE statuses, never exceptions,
 * so one bad instance does not end the association.
 */
export async function performCStore<T>(
  message: AssembledMessage,
  presentationContext: AcceptedPresentationContext,
  association: StoreAssociation<T>,
): Promise<CommandSet> {
  const result = await storeInstance(message, presentationContext, association);

  const response: CommandSet = {
    commandField: CommandField.CStoreRsp,
    commandDataSetType: NO_DATA_SET,
    messageIDBeingRespondedTo: message.command.messageID,
    affectedSOPClassUID: message.command.affectedSOPClassUID,
    affectedSOPInstanceUID: message.command.affectedSOPInstanceUID,
    status: result.status,
  };
  if (result.comment && statusCarriesErrorComment(result.status)) {
    response.errorComment = result.comment.slice(0, MAX_ERROR_COMMENT);
  }
  return response;
}

async function storeInstance<T>(
  message: AssembledMessage,
  presentationContext: AcceptedPresentationContext,
  association: StoreAssociation<T>,
): Promise<StoreResult> {
  const { affectedSOPClassUID, affectedSOPInstanceUID } = message.command;
  const { logger } = association;

  // The request must name what it stores, on a context negotiated for that SOP class.
  if (!affectedSOPClassUID || !affectedSOPInstanceUID) {
    return { status: DimseStatus.CannotUnderstand, comment: 'Request lacks affected SOP UIDs' };
  }
  if (affectedSOPClassUID !== presentationContext.abstractSyntax) {
    return {
      status: DimseStatus.SOPClassNotSupported,
      comment: 'SOP class differs from the presentation context',
    };
  }

  if (message.oversizedDataSetBytes !== undefined) {
    logger.warn(
      { sopInstanceUID: affectedSOPInstanceUID, bytes: message.oversizedDataSetBytes },
      'C-STORE data set exceeds the message size limit; refused',
    );
    return { status: DimseStatus.OutOfResources, comment: 'Data set exceeds archive size limit' };
  }
  if (!message.dataSet) {
    return { status: DimseStatus.CannotUnderstand, comment: 'C-STORE request has no data set' };
  }

  // The data set must be the instance the command announces.
  let identity;
  try {
    identity = readDataSetIdentity(message.dataSet, presentationContext.transferSyntax);
  } catch (error) {
    if (!(error instanceof DataSetIdentityError)) throw error;
    return { status: DimseStatus.CannotUnderstand, comment: error.message };
  }
  if (identity.sopClassUID !== affectedSOPClassUID) {
    return {
      status: DimseStatus.DataSetDoesNotMatchSOPClass,
      comment: 'SOP Class UID in data set differs from request',
    };
  }
  if (identity.sopInstanceUID !== affectedSOPInstanceUID) {
    return {
      status: DimseStatus.CannotUnderstand,
      comment: 'SOP Instance UID in data set differs from request',
    };
  }

  const part10 = buildPart10(
    {
      mediaStorageSOPClassUID: affectedSOPClassUID,
      mediaStorageSOPInstanceUID: affectedSOPInstanceUID,
      transferSyntaxUID: presentationContext.transferSyntax,
      sourceApplicationEntityTitle: association.callingAE,
    },
    message.dataSet,
  );

  return handOffToArchive(association, {
    context: association.context,
    associationId: association.id,
    callingAE: association.callingAE,
    sopClassUID: affectedSOPClassUID,
    sopInstanceUID: affectedSOPInstanceUID,
    transferSyntaxUID: presentationContext.transferSyntax,
    part10,
  });
}

async function handOffToArchive<T>(
  association: StoreAssociation<T>,
  request: StoreRequest<T>,
): Promise<StoreResult> {
  const where = { sopInstanceUID: request.sopInstanceUID };

  try {
    const result = await association.onStore(request);
    if (!Number.isInteger(result?.status) || result.status < 0 || result.status > 0xffff) {
      association.logger.error({ ...where, status: result?.status }, 'onStore gave no status');
      return { status: DimseStatus.OutOfResources, comment: 'Archive gave no storage status' };
    }
    return result;
  } catch (error) {
    // NOTE: the error text may name disk paths or hosts; it goes to the log, not the wire.
    association.logger.error({ ...where, err: error }, 'onStore failed');
    return { status: DimseStatus.OutOfResources, comment: 'Archive could not store instance' };
  }
}
