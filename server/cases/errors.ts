/** Why a case operation was refused, as a value the UI and API clients can act on. */
export type CaseErrorCode =
  'invalid' | 'not-found' | 'forbidden' | 'conflict' | 'no-one-on-call' | 'invitation-closed';

const STATUS: Record<CaseErrorCode, number> = {
  invalid: 422,
  'not-found': 404,
  forbidden: 403,
  conflict: 409,
  'no-one-on-call': 409,
  'invitation-closed': 409,
};

/** A refusal with a sentence a clinician understands; the HTTP layer answers it as is. */
export class CaseError extends Error {
  readonly status: number;

  constructor(
    readonly code: CaseErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = STATUS[code];
  }
}
