import type { SessionAnnotation, SessionRefusalReason } from './protocol';

/**
 * A client message the session refuses for a reason the client can act on. `id` names the
 * offending thing (case or annotation id); `current` carries the annotation a stale edit lost to.
 */
export class SessionRefusal extends Error {
  constructor(
    readonly reason: SessionRefusalReason,
    readonly id?: string,
    readonly current?: SessionAnnotation,
  ) {
    super(id === undefined ? `session refused: ${reason}` : `session refused: ${reason} (${id})`);
    this.name = 'SessionRefusal';
  }
}
