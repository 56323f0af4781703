import { describe, expect, it } from 'vitest';
import {
  canAdminister,
  canReadCase,
  canReadStudy,
  canStoreStudy,
} from '../../server/auth/authorization';
import { ROLES, type Actor } from '../../server/auth/roles';

const HOME = 'site-home';
const OTHER = 'site-other';
const actor = (role: Actor['role']): Actor => ({ userId: 'u', role, siteId: HOME });

// role -> [own site, other site, participant of a case at another site]
const studyMatrix: Record<Actor['role'], [boolean, boolean, boolean]> = {
  EMERGENCY_PHYSICIAN: [true, false, true],
  NEUROLOGIST: [true, false, true],
  RADIOLOGIST: [true, false, true],
  COORDINATOR: [false, false, true],
  ADMIN: [false, false, true],
};

const caseMatrix: Record<Actor['role'], [boolean, boolean, boolean]> = {
  EMERGENCY_PHYSICIAN: [true, false, true],
  NEUROLOGIST: [true, false, true],
  RADIOLOGIST: [true, false, true],
  COORDINATOR: [true, true, true],
  ADMIN: [false, false, true],
};

describe('who may read patient data', () => {
  it.each(ROLES)('studies, for a %s', (role) => {
    const [own, other, participant] = studyMatrix[role];
    expect(canReadStudy(actor(role), { siteId: HOME, participant: false })).toBe(own);
    expect(canReadStudy(actor(role), { siteId: OTHER, participant: false })).toBe(other);
    expect(canReadStudy(actor(role), { siteId: OTHER, participant: true })).toBe(participant);
  });

  it.each(ROLES)('cases, for a %s', (role) => {
    const [own, other, participant] = caseMatrix[role];
    expect(canReadCase(actor(role), { siteId: HOME, participant: false })).toBe(own);
    expect(canReadCase(actor(role), { siteId: OTHER, participant: false })).toBe(other);
    expect(canReadCase(actor(role), { siteId: OTHER, participant: true })).toBe(participant);
  });

  it('lets clinicians store into their own site only, and only admins administer', () => {
    expect(canStoreStudy(actor('EMERGENCY_PHYSICIAN'), HOME)).toBe(true);
    expect(canStoreStudy(actor('EMERGENCY_PHYSICIAN'), OTHER)).toBe(false);
    expect(canStoreStudy(actor('COORDINATOR'), HOME)).toBe(false);
    expect(ROLES.filter((role) => canAdminister(actor(role)))).toEqual(['ADMIN']);
  });
});
