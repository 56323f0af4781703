/**
 * Urgent cases: opening, the lifecycle and its stroke clocks, invitations of neurologists
 * (named or on call) with their expiry, the coordinators' queue, chat and the on-call roster.
 * Every function takes the acting user and checks access itself; errors are CaseError values.
 */
export { openCase } from './open-case';
export {
  invite,
  respond,
  expireInvitations,
  cancelPendingInvitations,
  listMyInvitations,
} from './invitations';
export { findPatientWithStudies } from './patients';
export { transition, recordClinicalTimes, escalate } from './lifecycle';
export { listQueue, queueRow, visibleCasesFilter, type CaseSummary } from './queue';
export { caseDetail, type CaseDetail } from './case-detail';
export { postMessage } from './messages';
export { listRoster, addShift, removeShift, listNeurologists } from './on-call';
export { attachArrivedStudy } from './attach-studies';
export { recordSessionJoined } from './session-joined';
export { loadCaseFor } from './access';
export { CaseError, type CaseErrorCode } from './errors';
export type { CaseDeps, CaseNotifier, InvitationNotice, ChatMessage } from './deps';
