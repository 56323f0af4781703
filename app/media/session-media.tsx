'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { Locale } from '../i18n/messages';
import { linkQuality, sampleInbound, type LinkQuality, type StatsSample } from './link-quality';
import { MediaCall, MediaRequestError, type RemotePeer } from './media-call';
import { MediaTile } from './media-tile';
import { mediaMessages } from './messages';

type Phase = 'joining' | 'live' | 'left' | 'forbidden' | 'unavailable' | 'ended';

declare global {
  interface Window {
    /** Test-only: lets browser tests read what this page receives. */
    __archipelMedia?: { framesDecoded(): Promise<number>; peers(): string[]; phase(): Phase };
  }
}

async function localTracks(constraints: { audioId?: string; videoId?: string } = {}) {
  const video = { width: { ideal: 640 }, height: { ideal: 360 }, deviceId: constraints.videoId };
  const audio = { echoCancellation: true, noiseSuppression: true, deviceId: constraints.audioId };
  // Ask for both, then for the microphone alone: a phone with a broken camera still talks.
  for (const request of [{ audio, video }, { audio }]) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia(request);
      return { audio: stream.getAudioTracks()[0], video: stream.getVideoTracks()[0] };
    } catch {
      // Refused or absent: try with less, then join to watch and listen only.
    }
  }
  return {};
}

/**
 * The audio and video of a case session: everyone's tiles, mute, camera, device choice,
 * leave and rejoin. It joins the case's SFU room over its own socket.io connection.
 */
export function SessionMedia({ caseId, locale }: { caseId: string; locale: Locale }) {
  const t = mediaMessages[locale];
  const [phase, setPhase] = useState<Phase>('joining');
  const [peers, setPeers] = useState<RemotePeer[]>([]);
  const [local, setLocal] = useState<{ audio?: MediaStreamTrack; video?: MediaStreamTrack }>({});
  const [micOn, setMicOn] = useState(true);
  const [camOn, setCamOn] = useState(true);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [quality, setQuality] = useState<Record<string, LinkQuality>>({});
  const socket = useRef<Socket>(undefined);
  const call = useRef<MediaCall>(undefined);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    socket.current = io({ transports: ['websocket'] });
    return () => {
      socket.current?.disconnect();
    };
  }, []);

  useEffect(() => {
    if (attempt < 0 || !socket.current) return;
    let cancelled = false;
    const current = new MediaCall(socket.current, caseId);
    call.current = current;
    const unsubscribe = current.onChange(() => setPeers(current.peers));
    setPhase('joining');

    (async () => {
      const tracks = await localTracks();
      if (cancelled) return (tracks.audio?.stop(), tracks.video?.stop());
      setLocal(tracks);
      setDevices(await navigator.mediaDevices.enumerateDevices().catch(() => []));
      try {
        await current.start(tracks);
        if (!cancelled) setPhase('live');
      } catch (error) {
        const reason = error instanceof MediaRequestError ? error.reason : 'internalError';
        console.warn('media call could not start:', (error as Error).message);
        setPhase(reason === 'forbidden' ? 'forbidden' : 'unavailable');
      }
    })();

    return () => {
      cancelled = true;
      unsubscribe();
      void current.leave();
    };
  }, [caseId, attempt]);

  // Stop the camera light when leaving.
  useEffect(() => () => (local.audio?.stop(), local.video?.stop()), [local]);

  // Link quality of each remote picture, every two seconds.
  useEffect(() => {
    const previous = new Map<string, StatsSample>();
    const timer = setInterval(async () => {
      const next: Record<string, LinkQuality> = {};
      for (const peer of call.current?.peers ?? []) {
        const video = peer.tracks.find((track) => track.kind === 'video') ?? peer.tracks[0];
        const report = video && (await call.current?.consumerStats(video.consumerId));
        if (!report) continue;
        const { sample, rttMs } = sampleInbound(report);
        const before = previous.get(peer.peerId);
        if (sample && before) next[peer.peerId] = linkQuality(before, sample, rttMs);
        if (sample) previous.set(peer.peerId, sample);
      }
      setQuality(next);
    }, 2000);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    window.__archipelMedia = {
      framesDecoded: () => call.current?.framesDecoded() ?? Promise.resolve(0),
      peers: () => (call.current?.peers ?? []).map((peer) => peer.name),
      phase: () => phase,
    };
  }, [phase]);

  const toggle = useCallback(
    async (source: 'microphone' | 'camera') => {
      const on = source === 'microphone' ? micOn : camOn;
      await call.current?.setPaused(source, on).catch(() => undefined);
      const track = source === 'microphone' ? local.audio : local.video;
      if (track) track.enabled = !on;
      (source === 'microphone' ? setMicOn : setCamOn)(!on);
    },
    [micOn, camOn, local],
  );

  const switchDevice = useCallback(async (kind: 'audioinput' | 'videoinput', deviceId: string) => {
    const tracks = await localTracks(
      kind === 'audioinput' ? { audioId: deviceId } : { videoId: deviceId },
    );
    const track = kind === 'audioinput' ? tracks.audio : tracks.video;
    (kind === 'audioinput' ? tracks.video : tracks.audio)?.stop();
    if (!track) return;
    await call.current?.sendTrack(kind === 'audioinput' ? 'microphone' : 'camera', track);
    setLocal((current) => {
      const old = kind === 'audioinput' ? current.audio : current.video;
      old?.stop();
      return kind === 'audioinput' ? { ...current, audio: track } : { ...current, video: track };
    });
  }, []);

  const message =
    phase === 'joining'
      ? t.joining
      : phase === 'forbidden'
        ? t.forbidden
        : phase === 'unavailable'
          ? t.unavailable
          : undefined;
  const button = 'rounded-md px-3 py-2 text-sm font-semibold';

  return (
    <section aria-label={t.title} className="space-y-3" data-testid="session-media">
      <div className="grid grid-cols-2 gap-2 lg:grid-cols-1">
        {phase !== 'left' && (
          <MediaTile
            name={t.you}
            local
            video={camOn ? local.video : undefined}
            audio={local.audio}
            t={t}
          />
        )}
        {peers.map((peer) => (
          <MediaTile
            key={peer.peerId}
            name={peer.name}
            video={peer.tracks.find((track) => track.kind === 'video')?.track}
            audio={peer.tracks.find((track) => track.kind === 'audio')?.track}
            quality={quality[peer.peerId]}
            t={t}
          />
        ))}
      </div>
      {message && <p className="text-sm text-slate-600">{message}</p>}
      {phase === 'live' && !local.audio && !local.video && (
        <p className="text-sm text-amber-700">{t.noDevices}</p>
      )}
      {phase === 'live' && peers.length === 0 && (
        <p className="text-sm text-slate-500">{t.alone}</p>
      )}

      <div className="flex flex-wrap gap-2">
        {phase === 'live' && local.audio && (
          <button
            type="button"
            onClick={() => void toggle('microphone')}
            className={`${button} ${micOn ? 'bg-slate-200' : 'bg-alert text-white'}`}
          >
            {micOn ? t.mute : t.unmute}
          </button>
        )}
        {phase === 'live' && local.video && (
          <button
            type="button"
            onClick={() => void toggle('camera')}
            className={`${button} ${camOn ? 'bg-slate-200' : 'bg-alert text-white'}`}
          >
            {camOn ? t.cameraOff : t.cameraOn}
          </button>
        )}
        {phase === 'left' ? (
          <button
            type="button"
            onClick={() => setAttempt((n) => n + 1)}
            className={`${button} bg-lagoon-700 text-white`}
          >
            {t.rejoin}
          </button>
        ) : (
          <button
            type="button"
            onClick={() => {
              setPhase('left');
              void call.current?.leave();
              local.audio?.stop();
              local.video?.stop();
              setLocal({});
            }}
            className={`${button} border border-alert text-alert`}
          >
            {t.leave}
          </button>
        )}
      </div>

      {phase === 'live' && devices.length > 0 && (
        <div className="grid gap-2 text-sm sm:grid-cols-2 lg:grid-cols-1">
          {(['videoinput', 'audioinput'] as const).map((kind) => {
            const options = devices.filter((device) => device.kind === kind && device.deviceId);
            if (options.length < 2) return null;
            return (
              <label key={kind} className="block">
                {kind === 'videoinput' ? t.camera : t.microphone}
                <select
                  className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
                  onChange={(event) => void switchDevice(kind, event.target.value)}
                >
                  {options.map((device, index) => (
                    <option key={device.deviceId} value={device.deviceId}>
                      {device.label ||
                        `${kind === 'videoinput' ? t.camera : t.microphone} ${index + 1}`}
                    </option>
                  ))}
                </select>
              </label>
            );
          })}
        </div>
      )}
    </section>
  );
}
