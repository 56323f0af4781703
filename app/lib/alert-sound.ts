'use client';

let audio: AudioContext | undefined;

/**
 * Browsers keep audio muted until the user touches the page; the shell calls this on the first
 * pointer or key press so that a later invitation can ring without a click.
 */
export function unlockAlertSound(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    // NOTE: no WebAudio (old browser, policy): invitations still show and notify, silently.
  }
}

/** Two short tones, high then higher: noticeable in a busy emergency room, not a siren. */
export function playAlertSound(): void {
  try {
    audio ??= new AudioContext();
    if (audio.state === 'suspended') void audio.resume();
    const start = audio.currentTime + 0.02;
    [880, 1175].forEach((frequency, i) => {
      const oscillator = audio!.createOscillator();
      const gain = audio!.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      const at = start + i * 0.22;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.2);
      oscillator.connect(gain).connect(audio!.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.21);
    });
  } catch {
    // See unlockAlertSound: silence is acceptable, the banner is the alert.
  }
}
