/**
 * Sends one DICOM file to the archive by STOW-RS, reporting upload progress, and reads the
 * per-instance answer: stored, or refused with the archive's reason.
 */
export type UploadOutcome =
  | { status: 'stored'; sopInstanceUid: string; studyInstanceUid?: string }
  | { status: 'refused'; reason: string; message: string };

const BOUNDARY_PREFIX = 'archipel-upload-';

type DicomJson = Record<string, { Value?: unknown[] }>;

export function stowFile(
  file: File,
  onProgress: (sentBytes: number) => void,
): Promise<UploadOutcome> {
  const boundary = BOUNDARY_PREFIX + crypto.randomUUID();
  const body = new Blob([
    `--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`,
    file,
    `\r\n--${boundary}--\r\n`,
  ]);

  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/dicomweb/studies');
    request.setRequestHeader(
      'Content-Type',
      `multipart/related; type="application/dicom"; boundary=${boundary}`,
    );
    request.setRequestHeader('Accept', 'application/dicom+json');
    request.upload.onprogress = (event) => onProgress(Math.min(event.loaded, file.size));
    request.onerror = () =>
      resolve({ status: 'refused', reason: 'network', message: 'The connection was lost.' });
    request.onload = () => {
      onProgress(file.size);
      resolve(readAnswer(request.status, request.responseText));
    };
    request.send(body);
  });
}

function readAnswer(status: number, text: string): UploadOutcome {
  let json: DicomJson & { message?: string };
  try {
    json = JSON.parse(text);
  } catch {
    return {
      status: 'refused',
      reason: `http-${status}`,
      message: `The archive answered ${status}.`,
    };
  }
  const referenced = (json['00081199']?.Value?.[0] ?? undefined) as DicomJson | undefined;
  if (referenced) {
    return {
      status: 'stored',
      sopInstanceUid: String(referenced['00081155']?.Value?.[0] ?? ''),
    };
  }
  const failed = json['00081198']?.Value?.[0] as DicomJson | undefined;
  if (failed) {
    return {
      status: 'refused',
      reason: String(failed['00091010']?.Value?.[0] ?? 'refused'),
      message: String(failed['00091011']?.Value?.[0] ?? 'The archive refused this file.'),
    };
  }
  return {
    status: 'refused',
    reason: `http-${status}`,
    message: json.message ?? `The archive answered ${status}.`,
  };
}
