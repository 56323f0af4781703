/**
 * The Query/Retrieve SCP side of C-FIND (PS3.4 C.4.1, PS3.7 9.1.2) for the Study Root
 * information model: decode the identifier, let the archive match it, answer one pending
 * response per match and a final success.
 */
import type { AcceptedPresentationContext } from './association-acceptance.js';
import {
  decodeIdentifier,
  encodeIdentifier,
  IdentifierError,
  type IdentifierElement,
} from './c-find-identifier.js';
import type { StoreAssociation } from './c-store-scp.js';
import { CommandField, NO_DATA_SET, type CommandSet } from './command-set.js';
import type { FindLevel } from './dimse-server-options.js';
import { DimseStatus } from './dimse-status.js';
import type { AssembledMessage } from './message-assembler.js';
import { STUDY_ROOT_FIND_SOP_CLASS } from './sop-class.js';

/** A response and the identifier it carries, in the order they go out. */
export interface DimseReply {
  command: CommandSet;
  dataSet?: Buffer;
}

/** Any Data Set present: the value does not matter as long as it is not NO_DATA_SET. */
const DATA_SET_PRESENT = 0x0000;
const QUERY_RETRIEVE_LEVEL = '00080052';
const LEVELS = new Set<FindLevel>(['STUDY', 'SERIES', 'IMAGE']);

/**
 * Answers one C-FIND-RQ. Failures become DIMSE statuses, never exceptions.
 *
 * Limitation: all matches are found before the first pending response goes out, so a
 * C-CANCEL-RQ arrives too late to stop anything; the archive caps the matches instead.
 */
export async function performCFind<T>(
  message: AssembledMessage,
  context: AcceptedPresentationContext,
  association: StoreAssociation<T>,
): Promise<DimseReply[]> {
  const { command } = message;
  const final = (status: number, errorComment?: string): DimseReply => ({
    command: {
      commandField: CommandField.CFindRsp,
      commandDataSetType: NO_DATA_SET,
      messageIDBeingRespondedTo: command.messageID,
      affectedSOPClassUID: command.affectedSOPClassUID,
      status,
      ...(errorComment && { errorComment: errorComment.slice(0, 64) }),
    },
  });

  if (command.affectedSOPClassUID !== STUDY_ROOT_FIND_SOP_CLASS || !association.onFind) {
    return [final(DimseStatus.SOPClassNotSupported, 'Only Study Root FIND is supported')];
  }
  if (!message.dataSet) return [final(DimseStatus.CannotUnderstand, 'C-FIND has no identifier')];

  let keys: IdentifierElement[];
  try {
    keys = decodeIdentifier(message.dataSet, context.transferSyntax);
  } catch (error) {
    if (!(error instanceof IdentifierError)) throw error;
    return [final(DimseStatus.IdentifierDoesNotMatchSOPClass, error.message)];
  }
  const level = keys.find((key) => key.tag === QUERY_RETRIEVE_LEVEL)?.value as FindLevel;
  if (!LEVELS.has(level)) {
    return [final(DimseStatus.IdentifierDoesNotMatchSOPClass, 'QueryRetrieveLevel missing')];
  }

  let outcome;
  try {
    outcome = await association.onFind({
      context: association.context,
      associationId: association.id,
      callingAE: association.callingAE,
      level,
      keys: keys.filter((key) => key.tag !== QUERY_RETRIEVE_LEVEL),
    });
  } catch (error) {
    association.logger.error({ err: error }, 'onFind failed');
    return [final(DimseStatus.UnableToProcess, 'Archive could not run the query')];
  }
  if ('refusal' in outcome) {
    return [final(DimseStatus.IdentifierDoesNotMatchSOPClass, outcome.refusal)];
  }

  const pending = outcome.matches.map((match) => ({
    command: {
      commandField: CommandField.CFindRsp,
      commandDataSetType: DATA_SET_PRESENT,
      messageIDBeingRespondedTo: command.messageID,
      affectedSOPClassUID: command.affectedSOPClassUID,
      status: DimseStatus.Pending,
    },
    dataSet: encodeIdentifier(
      [...match, { tag: QUERY_RETRIEVE_LEVEL, vr: 'CS', value: level }],
      context.transferSyntax,
    ),
  }));
  return [...pending, final(DimseStatus.Success)];
}
