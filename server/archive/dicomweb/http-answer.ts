import type { ServerResponse } from 'node:http';

export const DICOM_JSON = 'application/dicom+json';

/** Sends a DICOM JSON body (a data set or an array of them). */
export function sendDicomJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': DICOM_JSON,
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * Errors that are not a DICOM result (bad query, wrong media type, forbidden) as plain JSON:
 * a stable `error` code for programs and a `message` naming the offending key or value.
 */
export function sendError(
  res: ServerResponse,
  status: number,
  error: string,
  message: string,
  options: { close?: boolean } = {},
): void {
  const text = JSON.stringify({ error, message });
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  };
  if (options.close) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}
