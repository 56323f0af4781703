/**
 * DIMSE command sets (PS3.7 section 9.3 and Annex E): group 0000 elements, always encoded
 * in implicit VR little endian whatever transfer syntax the presentation context carries.
 */

export const CommandField = {
  CStoreRq: 0x0001,
  CStoreRsp: 0x8001,
  CGetRq: 0x0010,
  CFindRq: 0x0020,
  CFindRsp: 0x8020,
  CMoveRq: 0x0021,
  CEchoRq: 0x0030,
  CEchoRsp: 0x8030,
  CCancelRq: 0x0fff,
} as const;

/** Command Data Set Type value meaning "no data set follows" (PS3.7 E.1). */
export const NO_DATA_SET = 0x0101;

export interface CommandSet {
  commandField: number;
  commandDataSetType: number;
  messageID?: number;
  messageIDBeingRespondedTo?: number;
  affectedSOPClassUID?: string;
  requestedSOPClassUID?: string;
  affectedSOPInstanceUID?: string;
  requestedSOPInstanceUID?: string;
  priority?: number;
  status?: number;
  errorComment?: string;
  moveOriginatorApplicationEntityTitle?: string;
  moveOriginatorMessageID?: number;
}

type Field = keyof CommandSet;
type ValueKind = 'US' | 'UI' | 'AE' | 'LO';

/** Element number in group 0000 and how the value is written, in ascending tag order. */
const ELEMENTS: ReadonlyArray<readonly [number, Field, ValueKind]> = [
  [0x0002, 'affectedSOPClassUID', 'UI'],
  [0x0003, 'requestedSOPClassUID', 'UI'],
  [0x0100, 'commandField', 'US'],
  [0x0110, 'messageID', 'US'],
  [0x0120, 'messageIDBeingRespondedTo', 'US'],
  [0x0700, 'priority', 'US'],
  [0x0800, 'commandDataSetType', 'US'],
  [0x0900, 'status', 'US'],
  [0x0902, 'errorComment', 'LO'],
  [0x1000, 'affectedSOPInstanceUID', 'UI'],
  [0x1001, 'requestedSOPInstanceUID', 'UI'],
  [0x1030, 'moveOriginatorApplicationEntityTitle', 'AE'],
  [0x1031, 'moveOriginatorMessageID', 'US'],
];

export class CommandSetDecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CommandSetDecodeError';
  }
}

/** Writes a command set with its (0000,0000) group length, as one P-DATA payload. */
export function encodeCommandSet(command: CommandSet): Buffer {
  const elements: Buffer[] = [];

  for (const [element, field, kind] of ELEMENTS) {
    const value = command[field];
    if (value === undefined) continue;
    elements.push(encodeElement(element, kind, value));
  }

  const body = Buffer.concat(elements);
  const groupLength = Buffer.alloc(12);
  groupLength.writeUInt16LE(0x0000, 0);
  groupLength.writeUInt16LE(0x0000, 2);
  groupLength.writeUInt32LE(4, 4);
  groupLength.writeUInt32LE(body.length, 8);
  return Buffer.concat([groupLength, body]);
}

function encodeElement(element: number, kind: ValueKind, value: string | number): Buffer {
  let bytes: Buffer;
  if (kind === 'US') {
    bytes = Buffer.alloc(2);
    bytes.writeUInt16LE(Number(value), 0);
  } else {
    // PS3.5 6.2: UI values pad to even length with NUL, text values with a space.
    const text = String(value);
    const padded = text.length % 2 === 0 ? text : text + (kind === 'UI' ? '\0' : ' ');
    bytes = Buffer.from(padded, 'latin1');
  }

  const header = Buffer.alloc(8);
  header.writeUInt16LE(0x0000, 0);
  header.writeUInt16LE(element, 2);
  header.writeUInt32LE(bytes.length, 4);
  return Buffer.concat([header, bytes]);
}

/** Read a command set; elements this server has no use for are skipped. */
export function decodeCommandSet(bytes: Uint8Array): CommandSet {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fields: Partial<Record<Field, string | number>> = {};
  let offset = 0;

  while (offset < data.length) {
    if (offset + 8 > data.length) throw new CommandSetDecodeError('Command set is truncated');
    const group = data.readUInt16LE(offset);
    const element = data.readUInt16LE(offset + 2);
    const length = data.readUInt32LE(offset + 4);
    const start = offset + 8;
    if (group !== 0x0000) {
      throw new CommandSetDecodeError(`Command set holds element (${hex(group)},${hex(element)})`);
    }
    if (start + length > data.length) {
      throw new CommandSetDecodeError(`Element (0000,${hex(element)}) overruns the command set`);
    }

    const known = ELEMENTS.find(([number]) => number === element);
    if (known) fields[known[1]] = decodeValue(data.subarray(start, start + length), known[2]);
    offset = start + length;
  }

  if (fields.commandField === undefined) {
    throw new CommandSetDecodeError('Command set has no Command Field (0000,0100)');
  }
  if (fields.commandDataSetType === undefined) {
    throw new CommandSetDecodeError('Command set has no Command Data Set Type (0000,0800)');
  }
  return fields as unknown as CommandSet;
}

function decodeValue(value: Buffer, kind: ValueKind): string | number {
  if (kind === 'US') {
    if (value.length !== 2) throw new CommandSetDecodeError('US element is not two bytes long');
    return value.readUInt16LE(0);
  }
  return value.toString('latin1').replace(/[\0 ]+$/, '').replace(/^ +/, '');
}

export function hasDataSet(command: CommandSet): boolean {
  return command.commandDataSetType !== NO_DATA_SET;
}

function hex(value: number): string {
  return value.toString(16).padStart(4, '0');
}

const COMMAND_NAMES: Record<number, string> = {
  [CommandField.CStoreRq]: 'C-STORE-RQ',
  [CommandField.CStoreRsp]: 'C-STORE-RSP',
  [CommandField.CGetRq]: 'C-GET-RQ',
  [CommandField.CFindRq]: 'C-FIND-RQ',
  [CommandField.CFindRsp]: 'C-FIND-RSP',
  [CommandField.CMoveRq]: 'C-MOVE-RQ',
  [CommandField.CEchoRq]: 'C-ECHO-RQ',
  [CommandField.CEchoRsp]: 'C-ECHO-RSP',
  [CommandField.CCancelRq]: 'C-CANCEL-RQ',
};

/** Name for log lines; unknown fields show as hex so they can be looked up in PS3.7 E.1. */
export function commandName(commandField: number): string {
  return COMMAND_NAMES[commandField] ?? `command 0x${hex(commandField)}`;
}
