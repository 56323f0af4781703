/**
 * The browser's side of the JSON API: one fetch helper that turns a refusal
 * ({error, message, issues?}) into an ApiError the forms can show next to their fields.
 */
export interface ApiIssue {
  path: (string | number)[];
  message: string;
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

/** Calls an API route with a JSON body; resolves to the parsed answer or throws ApiError. */
export async function callApi<T>(
  path: string,
  options: { method?: string; body?: unknown } = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers: options.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }

  const answer = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(
      response.status,
      answer?.error ?? 'internal',
      answer?.message ?? `HTTP ${response.status}`,
      Array.isArray(answer?.issues) ? answer.issues : [],
    );
  }
  return answer as T;
}

/** The first message per field, keyed by the dotted path ("patient.name", "doorTime"). */
export function issuesByField(issues: ApiIssue[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.join('.');
    byField[key] ??= issue.message;
  }
  return byField;
}
