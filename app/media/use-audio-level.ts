'use client';

import { useEffect, useState } from 'react';

// One AudioContext for every tile: browsers limit how many a page may open.
let sharedContext: AudioContext | undefined;

/** Whether someone is speaking on this track, for the speaker ring around their tile. */
export function useSpeaking(track: MediaStreamTrack | undefined): boolean {
  const [speaking, setSpeaking] = useState(false);

  useEffect(() => {
    if (!track || typeof AudioContext === 'undefined') return;
    sharedContext ??= new AudioContext();
    const source = sharedContext.createMediaStreamSource(new MediaStream([track]));
    const analyser = sharedContext.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    const samples = new Float32Array(analyser.fftSize);

    const timer = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let energy = 0;
      for (const value of samples) energy += value * value;
      setSpeaking(Math.sqrt(energy / samples.length) > 0.02);
    }, 150);
    return () => {
      clearInterval(timer);
      source.disconnect();
    };
  }, [track]);

  return speaking;
}
