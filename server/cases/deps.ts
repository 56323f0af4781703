import type { Database } from '../db/client';
import type { Logger } from '../logger';

/** Pushes case changes to the people concerned; socket.io in the server, a recorder in tests. */
export interface CaseNotifier {
  /** A case changed: the queue rows and case pages showing it refresh. */
  caseChanged(change: { caseId: string; siteId: string; userIds: string[] }): void;
  /** A neurologist is asked to look at a case. */
  invited(inviteeId: string, invitation: InvitationNotice): void;
  /** The case was closed or cancelled: its live session and media end. */
  caseEnded(caseId: string): void;
  /** Chat line in a case. */
  messagePosted(caseId: string, message: ChatMessage): void;
}

export interface InvitationNotice {
  invitationId: string;
  caseId: string;
  reference: string;
  priority: string;
  siteName: string;
  clinicalQuestion: string;
  nihssOnArrival: number | null;
  invitedBy: string;
  expiresAt: string;
}

export interface ChatMessage {
  id: string;
  caseId: string;
  author: { id: string; name: string };
  body: string;
  createdAt: string;
}

export interface CaseDeps {
  db: Database;
  log: Logger;
  notifier: CaseNotifier;
  settings: {
    /** How long a neurologist has to answer before the case goes to the coordinators. */
    invitationTimeoutMs: number;
    /** Waiting minutes at which a queue row turns amber, then red. */
    amberMinutes: number;
    redMinutes: number;
  };
}
