import { io as connect, type Socket } from 'socket.io-client';
import { signInOverHttp } from './session';

/** A signed-in demo user: HTTP calls with their cookie and a connected socket.io client. */
export interface Client {
  email: string;
  cookie: string;
  socket: Socket;
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  emit<T = any>(
    event: string,
    payload?: unknown,
  ): Promise<{ ok: boolean; data: T; error?: string }>;
  next<T = any>(event: string, predicate?: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  close(): void;
}

export async function signedInClient(baseUrl: string, email: string): Promise<Client> {
  const { session } = await signInOverHttp(baseUrl, email, 'archipel-demo');
  if (!session) throw new Error(`Sign-in failed for ${email}`);
  const socket = connect(baseUrl, { transports: ['websocket'], extraHeaders: { cookie: session } });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });

  return {
    email,
    cookie: session,
    socket,
    async api(method, path, body) {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie: session, 'content-type': 'application/json' },
        body:
          body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    emit: (event, payload) =>
      new Promise((resolve) => socket.emit(event, payload ?? {}, (answer: any) => resolve(answer))),
    next: (event, predicate = () => true, timeoutMs = 15_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          socket.off(event, listener);
          reject(new Error(`${email}: no ${event} within ${timeoutMs} ms`));
        }, timeoutMs);
        const listener = (payload: any) => {
          if (!predicate(payload)) return;
          clearTimeout(timer);
          socket.off(event, listener);
          resolve(payload);
        };
        socket.on(event, listener);
      }),
    close: () => socket.disconnect(),
  };
}

/**
 * The opening of the stroke story over the API: the doctor opens a case and invites the
 * on-call neurologist of a region, who accepts. Returns the case id.
 */
export async function openConsultation(
  doctor: Client,
  neurologist: Client,
  options: { localId: string; regionCode?: string; clinicalQuestion?: string },
): Promise<string> {
  const opened = await doctor.api('POST', '/api/cases', {
    patient: { localId: options.localId, name: 'DOE^JANE' },
    priority: 'STROKE_ALERT',
    doorTime: new Date(Date.now() - 600_000).toISOString(),
    clinicalQuestion: options.clinicalQuestion ?? 'Thrombolyse ?',
  });
  if (opened.status !== 201) throw new Error(`Case not opened: ${JSON.stringify(opened.body)}`);
  const caseId = opened.body.id as string;

  const invitation = neurologist.next<{ invitationId: string }>('invitation:new');
  await doctor.api('POST', `/api/cases/${caseId}/invitations`, {
    regionCode: options.regionCode ?? 'GP',
  });
  const accepted = await neurologist.api(
    'POST',
    `/api/invitations/${(await invitation).invitationId}`,
    {
      response: 'accept',
    },
  );
  if (accepted.status !== 200) throw new Error(`Not accepted: ${JSON.stringify(accepted.body)}`);
  return caseId;
}
