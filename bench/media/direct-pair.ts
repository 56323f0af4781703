// The baseline: two libwebrtc peer connections in this process talking to each other directly,
// with no SFU between them. Offer, answer and ICE candidates are handed over in memory.

import { MediaStreamClass, RTCPeerConnectionClass } from './wrtc-extras';

export interface DirectPair {
  /** The receiving side's tracks, in the order the sending side added them. */
  received: MediaStreamTrack[];
  close(): void;
}

const CONNECT_TIMEOUT_MS = 10_000;

/** Connects a sender of `tracks` to a receiver; resolves once every track has arrived. */
export async function connectDirectPair(tracks: MediaStreamTrack[]): Promise<DirectPair> {
  const sender = new RTCPeerConnectionClass();
  const receiver = new RTCPeerConnectionClass();
  const received: MediaStreamTrack[] = [];

  sender.onicecandidate = ({ candidate }) => {
    if (candidate) void receiver.addIceCandidate(candidate);
  };
  receiver.onicecandidate = ({ candidate }) => {
    if (candidate) void sender.addIceCandidate(candidate);
  };
  const allArrived = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('direct pair: tracks never arrived')), 10_000);
    receiver.ontrack = ({ track }) => {
      received.push(track);
      if (received.length < tracks.length) return;
      clearTimeout(timer);
      resolve();
    };
  });

  const stream = new MediaStreamClass(tracks);
  for (const track of tracks) sender.addTrack(track, stream);

  const offer = await sender.createOffer();
  await sender.setLocalDescription(offer);
  await receiver.setRemoteDescription(offer);
  const answer = await receiver.createAnswer();
  await receiver.setLocalDescription(answer);
  await sender.setRemoteDescription(answer);
  await allArrived;

  return {
    received,
    close() {
      sender.close();
      receiver.close();
    },
  };
}
