// The SFU of a case session: what the signalling layer and the server start-up import.
export { loadMediaConfig, MediaConfigError, type MediaConfig } from './config';
export { MediaRefusal, MediaWorkerBinaryMissing } from './errors';
export type { MediaLogger } from './logger';
export { handleMediaRequest, isMediaRequestName } from './requests';
export { MediaRoom, type MediaRoomOptions } from './room';
export { MediaWorkerPool, type WorkerDiedEvent } from './workers';
export * from './protocol';
