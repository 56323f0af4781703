import type { Role } from '../db/generated/enums';

export const ROLES = [
  'EMERGENCY_PHYSICIAN',
  'NEUROLOGIST',
  'RADIOLOGIST',
  'COORDINATOR',
  'ADMIN',
] as const satisfies readonly Role[];

/** Roles that read images and patient data in the course of care. */
export const CLINICAL_ROLES: readonly Role[] = [
  'EMERGENCY_PHYSICIAN',
  'NEUROLOGIST',
  'RADIOLOGIST',
];

/** The person acting, as every authorization check sees them. */
export interface Actor {
  userId: string;
  role: Role;
  siteId: string;
  /** Set when the request came with an API token rather than a browser session. */
  tokenId?: string;
}
