import { createRequire } from 'node:module';

import { isPrivateTag, tagKey } from './tags.js';

/**
 * VR of a tag for data sets that do not carry it (Implicit VR Little Endian), from the PS3.6
 * data dictionary shipped with dcmjs. Loaded on first use: explicit VR objects, the large
 * majority, never pay for it.
 */

interface DictionaryEntry {
  vr: string;
}

interface DcmjsModule {
  data: { DicomMetaDictionary: { dictionary: Record<string, DictionaryEntry | undefined> } };
}

let dictionary: Record<string, DictionaryEntry | undefined> | undefined;

function loadDictionary(): Record<string, DictionaryEntry | undefined> {
  if (!dictionary) {
    // NOTE: dcmjs ships no type declarations; only this one property is read.
    const require = createRequire(import.meta.url);
    const dcmjs = require('dcmjs') as DcmjsModule;
    dictionary = dcmjs.data.DicomMetaDictionary.dictionary;
  }
  return dictionary;
}

export interface VrContext {
  /** PixelRepresentation of the enclosing image: 1 makes "US or SS" attributes SS. */
  signedPixels: boolean;
  /** For a private element: the value of the Private Creator that reserved its block. */
  privateCreator?: string;
}

/**
 * The VR to use for an implicit VR element. Private creators are LO (PS3.5 7.8.1); other
 * private elements are looked up under their creator in the private dictionary, and are UN
 * when it does not know them. Dictionary entries allowing two VRs are resolved the way
 * PS3.5 A.1 (c) prescribes for Implicit VR Little Endian.
 */
export function implicitVr(tag: number, context: VrContext): string {
  const element = tag & 0xffff;
  if (isPrivateTag(tag)) {
    if (element >= 0x0010 && element <= 0x00ff) return 'LO';
    return context.privateCreator ? privateVr(tag, context.privateCreator) : 'UN';
  }
  if (element === 0x0000) return 'UL';

  const entry = loadDictionary()[tagKey(tag)];
  if (!entry) return 'UN';
  return resolveVr(entry.vr, context);
}

/**
 * dcmjs keys private entries as (gggg,"CREATOR",ee), ee being the element's low byte, with
 * hex digits in either case depending on the source of the entry.
 */
function privateVr(tag: number, creator: string): string {
  const group = (tag >>> 16).toString(16).padStart(4, '0');
  const element = (tag & 0xff).toString(16).padStart(2, '0');
  const entries = loadDictionary();

  for (const g of [group.toUpperCase(), group]) {
    for (const e of [element, element.toUpperCase()]) {
      const entry = entries[`(${g},"${creator}",${e})`];
      if (entry) return resolveVr(entry.vr, { signedPixels: false });
    }
  }
  return 'UN';
}

function resolveVr(vr: string, context: VrContext): string {
  switch (vr) {
    case 'ox': // "OB or OW": Pixel Data, Overlay Data; implicit VR means OW
    case 'lt': // "US or OW": LUT Data
      return 'OW';
    case 'xs': // "US or SS"
      return context.signedPixels ? 'SS' : 'US';
    case 'up': // "UL" offsets in DICOMDIR records
      return 'UL';
    case 'na':
      return 'UN';
    default:
      return vr;
  }
}
