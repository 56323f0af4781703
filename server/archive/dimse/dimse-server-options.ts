/**
 * What the archive gives the DIMSE server: its identity, its limits, and the two decisions
 * that belong to the archive rather than to the protocol (who may send, where instances go).
 */
import { constants as bufferConstants } from 'node:buffer';

import type { IdentifierElement } from './c-find-identifier.js';
import {
  DEFAULT_ACCEPTED_TRANSFER_SYNTAXES,
  isKnownTransferSyntax,
  UnknownTransferSyntaxError,
} from './transfer-syntax.js';

/** pino-compatible: structured fields first, message second. */
export interface DimseLogger {
  debug(fields: object, message?: string): void;
  info(fields: object, message?: string): void;
  warn(fields: object, message?: string): void;
  error(fields: object, message?: string): void;
}

export interface AssociationRequest {
  callingAE: string;
  calledAE: string;
  remoteAddress: string;
}

export type AssociationRefusal = 'calling-ae-not-recognized' | 'called-ae-not-recognized';

export type AssociationDecision<T> =
  { accept: true; context: T } | { accept: false; reason: AssociationRefusal };

export interface StoreRequest<T> {
  /** What acceptAssociation returned for this association, e.g. the sending site. */
  context: T;
  associationId: string;
  callingAE: string;
  sopClassUID: string;
  sopInstanceUID: string;
  transferSyntaxUID: string;
  /** Preamble, DICM, File Meta Information, then the data set bytes as received. */
  part10: Uint8Array;
}

/** A DIMSE status (see DimseStatus) and an optional Error Comment of at most 64 characters. */
export interface StoreResult {
  status: number;
  comment?: string;
}

/** C-FIND query levels of the Study Root information model (PS3.4 C.6.2.1). */
export type FindLevel = 'STUDY' | 'SERIES' | 'IMAGE';

export interface FindRequest<T> {
  context: T;
  associationId: string;
  callingAE: string;
  level: FindLevel;
  /** Matching and return keys of the identifier, QueryRetrieveLevel left out. */
  keys: IdentifierElement[];
}

/** The matches, each the return keys of one entity, or why the query cannot run. */
export type FindResult = { matches: IdentifierElement[][] } | { refusal: string };

export interface DimseServerOptions<T> {
  /**
   * Our AE title; an A-ASSOCIATE-RQ calling any other title is refused (reason 7). The match
   * is exact and case-sensitive, ignoring the space padding of the wire format.
   */
  aeTitle: string;
  /** 0 picks a free port; listen() reports which. */
  port: number;
  /** Defaults to 127.0.0.1, so exposing the archive to the network is a deliberate choice. */
  host?: string;
  /** Largest P-DATA-TF variable field we accept, advertised in A-ASSOCIATE-AC. */
  maxPduLength?: number;
  logger: DimseLogger;
  acceptAssociation(request: AssociationRequest): Promise<AssociationDecision<T>>;
  onStore(request: StoreRequest<T>): Promise<StoreResult>;
  /** Answers Study Root C-FIND; without it, Query/Retrieve contexts are refused. */
  onFind?(request: FindRequest<T>): Promise<FindResult>;
  /** Transfer syntaxes we accept; a context gets the first the peer offers from this list. */
  transferSyntaxes?: readonly string[];
  /**
   * Largest data set of one message; larger ones are read, dropped and refused with 0xA700.
   * A stored instance briefly needs about twice its size in memory (data set, then Part 10).
   */
  maxMessageBytes?: number;
  /** ARTIM timer (PS3.8 9.1.5): how long to wait for an A-ASSOCIATE-RQ or a transport close. */
  artimTimeoutMs?: number;
  /** An association that sends nothing for this long is aborted. */
  idleTimeoutMs?: number;
  /** Further associations are refused as transient "local limit exceeded". */
  maxAssociations?: number;
}

export type ResolvedDimseServerOptions<T> = Required<Omit<DimseServerOptions<T>, 'onFind'>> &
  Pick<DimseServerOptions<T>, 'onFind'>;

export class InvalidDimseServerOptionError extends Error {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`DIMSE server option ${option}: ${message}`);
    this.name = 'InvalidDimseServerOptionError';
  }
}

export function resolveDimseServerOptions<T>(
  options: DimseServerOptions<T>,
): ResolvedDimseServerOptions<T> {
  // PS3.5 6.2: AE is at most 16 characters, no backslash and no control characters.
  if (!/^[\x20-\x5b\x5d-\x7e]{1,16}$/.test(options.aeTitle) || options.aeTitle.trim() === '') {
    throw new InvalidDimseServerOptionError('aeTitle', `"${options.aeTitle}" is not an AE title`);
  }

  const transferSyntaxes = options.transferSyntaxes ?? DEFAULT_ACCEPTED_TRANSFER_SYNTAXES;
  const unknown = transferSyntaxes.find((uid) => !isKnownTransferSyntax(uid));
  if (unknown !== undefined) throw new UnknownTransferSyntaxError(unknown);
  if (transferSyntaxes.length === 0) {
    throw new InvalidDimseServerOptionError('transferSyntaxes', 'accepts no transfer syntax');
  }

  const resolved: ResolvedDimseServerOptions<T> = {
    ...options,
    aeTitle: options.aeTitle.trim(),
    host: options.host ?? '127.0.0.1',
    // dcmtk and most modalities default to 16 KiB; larger PDUs cut per-fragment overhead.
    maxPduLength: options.maxPduLength ?? 64 * 1024,
    transferSyntaxes,
    maxMessageBytes: options.maxMessageBytes ?? 1024 * 1024 * 1024,
    artimTimeoutMs: options.artimTimeoutMs ?? 30_000,
    idleTimeoutMs: options.idleTimeoutMs ?? 5 * 60_000,
    maxAssociations: options.maxAssociations ?? 32,
  };

  requireRange('maxPduLength', resolved.maxPduLength, 4096, 0x7fff_ffff);
  // The Part 10 file is one buffer: the data set plus a few hundred bytes of meta header.
  requireRange('maxMessageBytes', resolved.maxMessageBytes, 1, bufferConstants.MAX_LENGTH - 4096);
  requireRange('artimTimeoutMs', resolved.artimTimeoutMs, 1, 2 ** 31 - 1);
  requireRange('idleTimeoutMs', resolved.idleTimeoutMs, 1, 2 ** 31 - 1);
  requireRange('maxAssociations', resolved.maxAssociations, 1, 65_535);
  return resolved;
}

function requireRange(option: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidDimseServerOptionError(option, `${value} is not an integer in ${min}..${max}`);
  }
}
