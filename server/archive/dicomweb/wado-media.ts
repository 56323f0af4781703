import { lookupTransferSyntax } from '../dicom/index.js';
import type { MediaType } from './media-type.js';

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const OCTET_STREAM = 'application/octet-stream';

/**
 * The media type of a compressed frame of a transfer syntax (PS3.18 Table 8.7.3-5), or
 * undefined for syntaxes whose frames are only ever sent as application/octet-stream.
 */
export function frameMediaTypeOf(transferSyntaxUid: string): string | undefined {
  const info = lookupTransferSyntax(transferSyntaxUid);
  if (!info?.encapsulated) return undefined;
  switch (info.frameCodec) {
    case 'jpeg':
      return 'image/jpeg';
    case 'jpeg-ls':
      return 'image/jls';
    case 'jpeg-2000':
      if (transferSyntaxUid.endsWith('.92') || transferSyntaxUid.endsWith('.93')) {
        return 'image/jpx';
      }
      return /\.4\.20[123]$/.test(transferSyntaxUid) ? 'image/jphc' : 'image/jp2';
    case 'jpeg-xl':
      return 'image/jxl';
    case 'rle':
      return 'image/dicom-rle';
    case 'video':
      return transferSyntaxUid.endsWith('.100') || transferSyntaxUid.endsWith('.101')
        ? 'video/mpeg'
        : transferSyntaxUid.endsWith('.107') || transferSyntaxUid.endsWith('.108')
          ? 'video/H265'
          : 'video/mp4';
    default:
      return undefined;
  }
}

/** Older names clients still send (dicomweb-client asks image/x-jls, image/x-dicom-rle). */
const ALIASES: Record<string, string> = {
  'image/x-jls': 'image/jls',
  'image/x-dicom-rle': 'image/dicom-rle',
  'image/jphc': 'image/jphc',
  'image/jhc': 'image/jphc',
};

/**
 * The media types a multipart Accept header asks for: `multipart/related; type="X"` gives
 * X with the range's transfer-syntax; `*\/*` and `multipart/related` without a type give
 * `*\/*`. An empty header asks for anything.
 */
export function requestedPartTypes(ranges: MediaType[]): MediaType[] {
  if (ranges.length === 0) return [{ type: '*/*', parameters: {} }];
  const asked: MediaType[] = [];
  for (const range of ranges) {
    if (range.type === '*/*' || range.type === 'multipart/*') {
      asked.push({ type: '*/*', parameters: range.parameters });
    } else if (range.type === 'multipart/related') {
      const inner = range.parameters.type?.toLowerCase().split(';')[0]?.trim() ?? '*/*';
      const transferSyntax = range.parameters['transfer-syntax'];
      asked.push({
        type: ALIASES[inner] ?? inner,
        parameters: transferSyntax ? { 'transfer-syntax': transferSyntax } : {},
      });
    } else {
      asked.push({ type: ALIASES[range.type] ?? range.type, parameters: range.parameters });
    }
  }
  return asked;
}

/** A transfer-syntax parameter is met by `*`, by its absence when `fallback` is, or exactly. */
export function transferSyntaxMatches(asked: string | undefined, stored: string, fallback = true) {
  if (asked === undefined) return fallback;
  return asked === '*' || asked === stored;
}
