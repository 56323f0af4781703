import type { Locale } from '../i18n/messages';

const fr = {
  title: 'Appel vidéo',
  you: 'Vous',
  mute: 'Couper le micro',
  unmute: 'Activer le micro',
  cameraOff: 'Couper la caméra',
  cameraOn: 'Activer la caméra',
  camera: 'Caméra',
  microphone: 'Micro',
  leave: 'Quitter l’appel',
  rejoin: 'Rejoindre l’appel',
  joining: 'Connexion à l’appel…',
  noDevices:
    'Caméra et micro indisponibles ou refusés : vous voyez et entendez les autres sans être vu.',
  alone: 'En attente des autres participants…',
  forbidden: 'Seuls les participants du cas rejoignent l’appel.',
  unavailable: 'La vidéo est momentanément indisponible sur ce serveur.',
  ended: 'L’appel est terminé.',
  link: 'Liaison',
  kbps: 'kbit/s',
  loss: 'pertes',
  rtt: 'aller-retour',
};
export type MediaMessages = typeof fr;

const en: MediaMessages = {
  title: 'Video call',
  you: 'You',
  mute: 'Mute microphone',
  unmute: 'Unmute microphone',
  cameraOff: 'Turn camera off',
  cameraOn: 'Turn camera on',
  camera: 'Camera',
  microphone: 'Microphone',
  leave: 'Leave the call',
  rejoin: 'Rejoin the call',
  joining: 'Joining the call…',
  noDevices: 'Camera and microphone unavailable or refused: you see and hear the others unseen.',
  alone: 'Waiting for the other participants…',
  forbidden: 'Only the participants of the case join the call.',
  unavailable: 'Video is briefly unavailable on this server.',
  ended: 'The call has ended.',
  link: 'Link',
  kbps: 'kbit/s',
  loss: 'loss',
  rtt: 'round trip',
};

export const mediaMessages: Record<Locale, MediaMessages> = { fr, en };
