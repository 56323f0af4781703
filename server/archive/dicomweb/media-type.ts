/** A media type with its parameters, names lower-cased and quotes removed. */
export interface MediaType {
  type: string;
  parameters: Record<string, string>;
}

/** Parses one media type such as `multipart/related; type="application/dicom"; boundary=x`. */
export function parseMediaType(value: string): MediaType {
  const [head, ...rest] = splitOutsideQuotes(value, ';');
  const parameters: Record<string, string> = {};
  for (const item of rest) {
    const equals = item.indexOf('=');
    if (equals <= 0) continue;
    const name = item.slice(0, equals).trim().toLowerCase();
    let parameter = item.slice(equals + 1).trim();
    if (parameter.startsWith('"') && parameter.endsWith('"') && parameter.length >= 2) {
      parameter = parameter.slice(1, -1).replace(/\\(.)/g, '$1');
    }
    parameters[name] = parameter;
  }
  return { type: (head ?? '').trim().toLowerCase(), parameters };
}

/** The media ranges of an Accept header, in the order given (q-values are not weighed). */
export function parseAccept(value: string | undefined): MediaType[] {
  if (!value || value.trim() === '') return [];
  return splitOutsideQuotes(value, ',')
    .map(parseMediaType)
    .filter((m) => m.type !== '');
}

function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}
