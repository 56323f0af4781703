import { randomUUID } from 'node:crypto';

/** A DICOMweb server under measurement: its root URL and how to authenticate to it. */
export interface DicomwebTarget {
  label: string;
  root: string;
  headers: Record<string, string>;
}

export async function getOk(target: DicomwebTarget, path: string, accept: string) {
  const response = await fetch(`${target.root}${path}`, {
    headers: { ...target.headers, Accept: accept },
  });
  const body = await response.arrayBuffer();
  if (!response.ok) {
    throw new Error(`${target.label} GET ${path} answered ${response.status}`);
  }
  return body;
}

/**
 * STOW-RS of Part 10 files in one multipart request; any answer but 200 throws unless the
 * caller expects refusals, and then the status is returned.
 */
export async function stow(
  target: DicomwebTarget,
  files: Buffer[],
  { refusalsExpected = false } = {},
): Promise<number> {
  const boundary = randomUUID();
  const pieces: Buffer[] = [];
  for (const file of files) {
    pieces.push(Buffer.from(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`), file);
    pieces.push(Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  const response = await fetch(`${target.root}/studies`, {
    method: 'POST',
    headers: {
      ...target.headers,
      'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`,
      Accept: 'application/dicom+json',
    },
    body: new Uint8Array(Buffer.concat(pieces)),
  });
  await response.arrayBuffer();
  if (!response.ok && !refusalsExpected) {
    throw new Error(`${target.label} STOW answered ${response.status}`);
  }
  return response.status;
}
