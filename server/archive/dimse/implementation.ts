/**
 * How the archive names itself to peers: in the A-ASSOCIATE-AC and in the File Meta
 * Information of every instance it writes.
 */

/**
 * Archipel's implementation class UID: a UUID-derived UID under the 2.25 root (PS3.5 B.2),
 * made once for this implementation, so no organisational root had to be registered.
 */
export const IMPLEMENTATION_CLASS_UID = '2.25.200976171276086319062015840195421851121';

/** At most 16 characters (SH); bump the number when the stored file layout changes. */
export const IMPLEMENTATION_VERSION_NAME = 'ARCHIPEL_1';
