// The synchronized viewer session: server entry points. The browser imports ./protocol only.
export { attachSessionHandlers, registerSessionHandlers } from './handlers';
export type { SessionHandlersHandle } from './handlers';
export { InMemorySessionStateStore } from './memory-store';
export type { ParticipantRecord, SessionStateStore } from './store';
export type { SessionDeps, SessionServer, SessionSocket, SessionSocketData } from './types';
export * from './protocol';
