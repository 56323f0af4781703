'use client';

import { useEffect, useRef } from 'react';
import type { LinkQuality } from './link-quality';
import type { MediaMessages } from './messages';
import { useSpeaking } from './use-audio-level';

/** One person's picture and sound, with their name, a speaking ring and their link. */
export function MediaTile(props: {
  name: string;
  video?: MediaStreamTrack;
  audio?: MediaStreamTrack;
  local?: boolean;
  quality?: LinkQuality;
  t: MediaMessages;
}) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const audioRef = useRef<HTMLAudioElement>(null);
  const speaking = useSpeaking(props.audio);

  useEffect(() => {
    if (videoRef.current)
      videoRef.current.srcObject = props.video ? new MediaStream([props.video]) : null;
  }, [props.video]);
  useEffect(() => {
    if (audioRef.current)
      audioRef.current.srcObject = props.audio ? new MediaStream([props.audio]) : null;
  }, [props.audio]);

  return (
    <figure
      data-testid={props.local ? 'media-tile-local' : 'media-tile-remote'}
      className={`relative aspect-video overflow-hidden rounded-lg bg-slate-900 ring-4 ${
        speaking ? 'ring-emerald-400' : 'ring-transparent'
      }`}
    >
      {props.video ? (
        <video ref={videoRef} autoPlay playsInline muted className="h-full w-full object-cover" />
      ) : (
        <div className="flex h-full items-center justify-center text-3xl font-bold text-white/70">
          {props.name.slice(0, 1)}
        </div>
      )}
      {/* The local microphone is never played back: it would echo. */}
      {!props.local && <audio ref={audioRef} autoPlay />}
      <figcaption
        className={`absolute inset-x-0 bottom-0 flex justify-between gap-2 bg-black/55
          px-2 py-1 text-xs text-white`}
      >
        <span className="truncate font-medium">{props.name}</span>
        {props.quality && (
          <span data-testid="link-quality" title={props.t.link}>
            {props.quality.kbps} {props.t.kbps} · {props.quality.lossPercent} % {props.t.loss}
            {props.quality.rttMs !== undefined && ` · ${props.quality.rttMs} ms`}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
