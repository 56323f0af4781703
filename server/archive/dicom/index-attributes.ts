import type { TextDecoding } from './character-set.js';
import { type PersonName, parsePersonName } from './person-name.js';
import { decodeString, decodeStrings, decodeUint16, parseDecimal } from './value-decoding.js';

/**
 * The top-level attributes the archive index stores and QIDO-RS matches and returns
 * (PS3.18 Table 10.6.1-5 and the usual additions). Only these values are decoded on ingest;
 * every other element is walked past by its length.
 */
export interface IndexAttributes {
  SpecificCharacterSet: string[];
  SOPClassUID?: string;
  SOPInstanceUID?: string;
  StudyDate?: string;
  SeriesDate?: string;
  ContentDate?: string;
  StudyTime?: string;
  SeriesTime?: string;
  ContentTime?: string;
  AccessionNumber?: string;
  Modality?: string;
  Manufacturer?: string;
  InstitutionName?: string;
  ReferringPhysicianName?: PersonName;
  StationName?: string;
  StudyDescription?: string;
  SeriesDescription?: string;
  PatientName?: PersonName;
  PatientID?: string;
  IssuerOfPatientID?: string;
  PatientBirthDate?: string;
  PatientSex?: string;
  BodyPartExamined?: string;
  StudyInstanceUID?: string;
  SeriesInstanceUID?: string;
  StudyID?: string;
  SeriesNumber?: number;
  InstanceNumber?: number;
  SamplesPerPixel?: number;
  PhotometricInterpretation?: string;
  PlanarConfiguration?: number;
  NumberOfFrames?: number;
  Rows?: number;
  Columns?: number;
  BitsAllocated?: number;
  BitsStored?: number;
  HighBit?: number;
  PixelRepresentation?: number;
}

type Kind = 'uid' | 'text' | 'person-name' | 'integer-string' | 'us' | 'code-strings';

interface IndexAttribute {
  keyword: keyof IndexAttributes;
  vr: string;
  kind: Kind;
}

const TABLE: Array<[number, keyof IndexAttributes, string, Kind]> = [
  [0x00080005, 'SpecificCharacterSet', 'CS', 'code-strings'],
  [0x00080016, 'SOPClassUID', 'UI', 'uid'],
  [0x00080018, 'SOPInstanceUID', 'UI', 'uid'],
  [0x00080020, 'StudyDate', 'DA', 'text'],
  [0x00080021, 'SeriesDate', 'DA', 'text'],
  [0x00080023, 'ContentDate', 'DA', 'text'],
  [0x00080030, 'StudyTime', 'TM', 'text'],
  [0x00080031, 'SeriesTime', 'TM', 'text'],
  [0x00080033, 'ContentTime', 'TM', 'text'],
  [0x00080050, 'AccessionNumber', 'SH', 'text'],
  [0x00080060, 'Modality', 'CS', 'text'],
  [0x00080070, 'Manufacturer', 'LO', 'text'],
  [0x00080080, 'InstitutionName', 'LO', 'text'],
  [0x00080090, 'ReferringPhysicianName', 'PN', 'person-name'],
  [0x00081010, 'StationName', 'SH', 'text'],
  [0x00081030, 'StudyDescription', 'LO', 'text'],
  [0x0008103e, 'SeriesDescription', 'LO', 'text'],
  [0x00100010, 'PatientName', 'PN', 'person-name'],
  [0x00100020, 'PatientID', 'LO', 'text'],
  [0x00100021, 'IssuerOfPatientID', 'LO', 'text'],
  [0x00100030, 'PatientBirthDate', 'DA', 'text'],
  [0x00100040, 'PatientSex', 'CS', 'text'],
  [0x00180015, 'BodyPartExamined', 'CS', 'text'],
  [0x0020000d, 'StudyInstanceUID', 'UI', 'uid'],
  [0x0020000e, 'SeriesInstanceUID', 'UI', 'uid'],
  [0x00200010, 'StudyID', 'SH', 'text'],
  [0x00200011, 'SeriesNumber', 'IS', 'integer-string'],
  [0x00200013, 'InstanceNumber', 'IS', 'integer-string'],
  [0x00280002, 'SamplesPerPixel', 'US', 'us'],
  [0x00280004, 'PhotometricInterpretation', 'CS', 'text'],
  [0x00280006, 'PlanarConfiguration', 'US', 'us'],
  [0x00280008, 'NumberOfFrames', 'IS', 'integer-string'],
  [0x00280010, 'Rows', 'US', 'us'],
  [0x00280011, 'Columns', 'US', 'us'],
  [0x00280100, 'BitsAllocated', 'US', 'us'],
  [0x00280101, 'BitsStored', 'US', 'us'],
  [0x00280102, 'HighBit', 'US', 'us'],
  [0x00280103, 'PixelRepresentation', 'US', 'us'],
];

export const INDEX_ATTRIBUTES = new Map<number, IndexAttribute>(
  TABLE.map(([tag, keyword, vr, kind]) => [tag, { keyword, vr, kind }]),
);

export interface DecodeContext {
  text: TextDecoding;
  littleEndian: boolean;
  /** Called with a sentence when a value is present but unusable. */
  warn: (message: string) => void;
}

/**
 * Decodes one collected value into attributes. The VR comes from the table, not the file,
 * so implicit VR data sets and explicit ones with a wrong VR decode the same way.
 */
export function assignIndexAttribute(
  attributes: IndexAttributes,
  attribute: IndexAttribute,
  value: Uint8Array,
  context: DecodeContext,
): void {
  const { keyword, vr, kind } = attribute;
  const target = attributes as unknown as Record<string, unknown>;

  switch (kind) {
    case 'code-strings':
      target[keyword] = decodeStrings(value, vr, context.text);
      return;
    case 'uid':
    case 'text':
      target[keyword] = decodeString(value, vr, context.text);
      return;
    case 'person-name': {
      const text = decodeString(value, vr, context.text);
      target[keyword] = text === undefined ? undefined : parsePersonName(text);
      return;
    }
    case 'integer-string': {
      const text = decodeString(value, vr, context.text);
      const number = text === undefined ? undefined : parseDecimal(text);
      if (text !== undefined && (number === undefined || !Number.isInteger(number))) {
        context.warn(`${keyword} "${text}" is not a valid integer string (IS); ignored`);
      }
      target[keyword] = number !== undefined && Number.isInteger(number) ? number : undefined;
      return;
    }
    case 'us':
      target[keyword] = decodeUint16(value, context.littleEndian);
      return;
  }
}
