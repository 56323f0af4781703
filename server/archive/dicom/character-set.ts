import { latin1 } from './value-decoding.js';

/**
 * Decoding of text values under Specific Character Set (0008,0005), PS3.3 C.12.1.1.2 and
 * PS3.5 6.1. Single-byte and Unicode sets map to a WHATWG TextDecoder (Node 20 ships full
 * ICU). ISO 2022 code extensions are decoded by following the escape sequences: each run of
 * bytes in one designated set is handed to the decoder of that set.
 *
 * Limitation: ISO 2022 IR 13 romaji (JIS X 0201 G0) is decoded as ASCII, so its two
 * differing code points (yen sign, overline) come out as backslash and tilde, as in pydicom.
 */

type G0Set = 'ascii' | 'jis-x-0208' | 'jis-x-0212';
type G1Set = 'none' | 'katakana' | 'ks-x-1001' | 'gb2312' | SingleByteLabel;
type SingleByteLabel = { label: string };

interface CodeState {
  g0: G0Set;
  g1: G1Set;
}

export interface TextDecoding {
  /** Decodes one element value; personName enables the '^' and '=' resets of PS3.5 6.1.2.5.3. */
  decode(bytes: Uint8Array, personName: boolean): string;
  /** Terms of the Specific Character Set the archive did not recognise. */
  unknownTerms: string[];
}

const ESC = 0x1b;

// Defined Terms without code extensions (PS3.3 Table C.12-2 and C.12-4).
const SINGLE_SET_LABELS: Record<string, string> = {
  '': 'latin1',
  'ISO_IR 6': 'latin1',
  'ISO_IR 100': 'latin1',
  'ISO_IR 101': 'iso-8859-2',
  'ISO_IR 109': 'iso-8859-3',
  'ISO_IR 110': 'iso-8859-4',
  'ISO_IR 144': 'iso-8859-5',
  'ISO_IR 127': 'iso-8859-6',
  'ISO_IR 126': 'iso-8859-7',
  'ISO_IR 138': 'iso-8859-8',
  'ISO_IR 148': 'iso-8859-9',
  'ISO_IR 203': 'iso-8859-15',
  'ISO_IR 13': 'shift_jis',
  'ISO_IR 166': 'windows-874',
  'ISO_IR 192': 'utf-8',
  GB18030: 'gb18030',
  GBK: 'gbk',
};

// G1 single-byte sets selected by ESC 2/13 F ("ESC - F"), keyed by the final byte F.
const G1_SINGLE_BYTE_FINALS: Record<number, string> = {
  0x41: 'latin1', // ISO-IR 100
  0x42: 'iso-8859-2', // ISO-IR 101
  0x43: 'iso-8859-3', // ISO-IR 109
  0x44: 'iso-8859-4', // ISO-IR 110
  0x4c: 'iso-8859-5', // ISO-IR 144
  0x47: 'iso-8859-6', // ISO-IR 127
  0x46: 'iso-8859-7', // ISO-IR 126
  0x48: 'iso-8859-8', // ISO-IR 138
  0x4d: 'iso-8859-9', // ISO-IR 148
  0x62: 'iso-8859-15', // ISO-IR 203
  0x54: 'windows-874', // ISO-IR 166
};

// The state a code-extension term puts G0 and G1 in, when it is the first value.
const ISO_2022_INITIAL_STATES: Record<string, CodeState> = {
  'ISO 2022 IR 6': { g0: 'ascii', g1: 'none' },
  'ISO 2022 IR 13': { g0: 'ascii', g1: 'katakana' },
  'ISO 2022 IR 87': { g0: 'jis-x-0208', g1: 'none' },
  'ISO 2022 IR 159': { g0: 'jis-x-0212', g1: 'none' },
  'ISO 2022 IR 149': { g0: 'ascii', g1: 'ks-x-1001' },
  'ISO 2022 IR 58': { g0: 'ascii', g1: 'gb2312' },
};

const decoders = new Map<string, TextDecoder>();

function textDecoder(label: string): TextDecoder {
  let decoder = decoders.get(label);
  if (!decoder) {
    decoder = new TextDecoder(label);
    decoders.set(label, decoder);
  }
  return decoder;
}

function decodeWith(label: string, bytes: Uint8Array): string {
  // NOTE: WHATWG maps the label "latin1" to windows-1252; latin1() is true ISO 8859-1.
  if (label === 'latin1') return latin1(bytes);
  return textDecoder(label).decode(bytes);
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i]!;
    if (byte >= 0x80 || byte === ESC) return false;
  }
  return true;
}

/** "ISO-IR 100", " iso_ir 100 " and "ISO_IR 100" all name the same set in the wild. */
function normalizeCharacterSetTerm(term: string): string {
  return term
    .trim()
    .toUpperCase()
    .replace(/^ISO-IR/, 'ISO_IR')
    .replace(/^ISO IR/, 'ISO_IR');
}

export function textDecodingFor(specificCharacterSet: readonly string[]): TextDecoding {
  const terms = specificCharacterSet.map(normalizeCharacterSetTerm);
  const unknownTerms = terms.filter((term) => !isKnownTerm(term));

  // Without an ISO 2022 term there are no code extensions, even when (wrongly) several sets
  // are listed: the first one is used, which keeps "ISO_IR 192\GB18030" readable as UTF-8.
  const usesCodeExtensions = terms.some((term) => term.startsWith('ISO 2022'));
  if (!usesCodeExtensions) {
    const label = SINGLE_SET_LABELS[terms[0] ?? ''] ?? 'latin1';
    return {
      unknownTerms,
      decode: (bytes) => (isAscii(bytes) ? decodeWith('latin1', bytes) : decodeWith(label, bytes)),
    };
  }

  const initial = initialState(terms[0] ?? '');
  return {
    unknownTerms,
    decode: (bytes, personName) =>
      isAscii(bytes) ? decodeWith('latin1', bytes) : decodeIso2022(bytes, initial, personName),
  };
}

function isKnownTerm(term: string): boolean {
  return (
    term in SINGLE_SET_LABELS ||
    term in ISO_2022_INITIAL_STATES ||
    term.replace('ISO 2022 IR', 'ISO_IR') in SINGLE_SET_LABELS
  );
}

function initialState(firstTerm: string): CodeState {
  const known = ISO_2022_INITIAL_STATES[firstTerm];
  if (known) return known;

  // "ISO 2022 IR 100" and friends: ASCII in G0, the Latin/Cyrillic/... set in G1.
  const single = SINGLE_SET_LABELS[firstTerm.replace('ISO 2022 IR', 'ISO_IR')];
  if (single && single !== 'utf-8') return { g0: 'ascii', g1: { label: single } };
  return { g0: 'ascii', g1: 'none' };
}

/**
 * Walks the bytes, switching sets on escape sequences and back to the initial state at the
 * delimiters where PS3.5 6.1.2.5.3 requires it, and decodes each same-set run in one call.
 */
function decodeIso2022(bytes: Uint8Array, initial: CodeState, personName: boolean): string {
  let state: CodeState = { ...initial };
  let out = '';
  let run: number[] = [];
  let runLabel = '';

  const flush = () => {
    if (run.length > 0) out += decodeWith(runLabel, Uint8Array.from(run));
    run = [];
  };
  const emit = (label: string, ...codes: number[]) => {
    if (label !== runLabel) {
      flush();
      runLabel = label;
    }
    run.push(...codes);
  };

  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;

    if (byte === ESC) {
      const consumed = applyEscape(bytes, i, state);
      if (consumed > 0) {
        i += consumed;
        continue;
      }
      emit('latin1', byte);
      i += 1;
      continue;
    }

    if (byte >= 0x80) {
      i += emitG1(bytes, i, state.g1, emit);
      continue;
    }

    const twoByteG0 = state.g0 !== 'ascii';
    if (twoByteG0 && byte >= 0x21 && byte <= 0x7e && i + 1 < bytes.length) {
      const second = bytes[i + 1]!;
      // JIS X 0208/0212 in G0 map onto EUC-JP by setting the high bits (0212 after SS3).
      if (state.g0 === 'jis-x-0212') emit('euc-jp', 0x8f, byte | 0x80, second | 0x80);
      else emit('euc-jp', byte | 0x80, second | 0x80);
      i += 2;
      continue;
    }

    emit('latin1', byte);
    if (isResetDelimiter(byte, personName)) state = { ...initial };
    i += 1;
  }
  flush();
  return out;
}

function isResetDelimiter(byte: number, personName: boolean): boolean {
  if (byte === 0x5c || byte === 0x0d || byte === 0x0a || byte === 0x0c || byte === 0x09) {
    return true;
  }
  return personName && (byte === 0x5e || byte === 0x3d);
}

function emitG1(
  bytes: Uint8Array,
  i: number,
  g1: G1Set,
  emit: (label: string, ...codes: number[]) => void,
): number {
  const byte = bytes[i]!;
  if (g1 === 'ks-x-1001' || g1 === 'gb2312') {
    const second = bytes[i + 1] ?? 0;
    emit(g1 === 'ks-x-1001' ? 'euc-kr' : 'gbk', byte, second);
    return 2;
  }
  if (g1 === 'katakana') emit('shift_jis', byte);
  else if (g1 === 'none') emit('latin1', byte);
  else emit(g1.label, byte);
  return 1;
}

/** Applies the escape sequence at i to state; returns its length, or 0 if not recognised. */
function applyEscape(bytes: Uint8Array, i: number, state: CodeState): number {
  const b1 = bytes[i + 1];
  const b2 = bytes[i + 2];
  const b3 = bytes[i + 3];

  if (b1 === 0x28 && (b2 === 0x42 || b2 === 0x4a)) {
    state.g0 = 'ascii'; // ESC ( B: ISO-IR 6; ESC ( J: ISO-IR 14 romaji
    return 3;
  }
  if (b1 === 0x24 && (b2 === 0x42 || b2 === 0x40)) {
    state.g0 = 'jis-x-0208'; // ESC $ B: ISO-IR 87
    return 3;
  }
  if (b1 === 0x24 && b2 === 0x28 && b3 === 0x44) {
    state.g0 = 'jis-x-0212'; // ESC $ ( D: ISO-IR 159
    return 4;
  }
  if (b1 === 0x29 && b2 === 0x49) {
    state.g1 = 'katakana'; // ESC ) I: ISO-IR 13
    return 3;
  }
  if (b1 === 0x24 && b2 === 0x29 && b3 === 0x43) {
    state.g1 = 'ks-x-1001'; // ESC $ ) C: ISO-IR 149
    return 4;
  }
  if (b1 === 0x24 && b2 === 0x29 && b3 === 0x41) {
    state.g1 = 'gb2312'; // ESC $ ) A: ISO-IR 58
    return 4;
  }
  if (b1 === 0x2d && b2 !== undefined && G1_SINGLE_BYTE_FINALS[b2]) {
    state.g1 = { label: G1_SINGLE_BYTE_FINALS[b2]! }; // ESC - F: a 96-character set
    return 3;
  }
  return 0;
}
