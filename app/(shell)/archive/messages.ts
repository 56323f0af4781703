import type { Locale } from '../../i18n/messages';

/** The archive page's sentences; `{n}`-style slots are filled by `fill`. */
const fr = {
  title: 'Archive d’images',
  intro: 'Les examens de votre site, et ceux des cas auxquels vous participez.',
  dropHere: 'Déposez ici des fichiers DICOM ou le dossier d’un CD',
  chooseFiles: 'Choisir des fichiers',
  chooseFolder: 'Choisir un dossier',
  progress: 'Envoi vers l’archive',
  stored: '{stored} sur {total} enregistrés',
  refused: '{n} refusés',
  fileStored: 'enregistré',
  patient: 'Patient',
  patientId: 'IPP',
  date: 'Date',
  modality: 'Modalité',
  description: 'Description',
  images: 'Images',
  received: 'Reçu',
  site: 'Site',
  empty: 'Aucun examen pour l’instant.',
  noName: 'sans nom',
};

export type ArchiveMessages = typeof fr;

const en: ArchiveMessages = {
  title: 'Image archive',
  intro: 'Your site’s studies, and those of the cases you take part in.',
  dropHere: 'Drop DICOM files or a CD’s folder here',
  chooseFiles: 'Choose files',
  chooseFolder: 'Choose a folder',
  progress: 'Sending to the archive',
  stored: '{stored} of {total} stored',
  refused: '{n} refused',
  fileStored: 'stored',
  patient: 'Patient',
  patientId: 'Patient ID',
  date: 'Date',
  modality: 'Modality',
  description: 'Description',
  images: 'Images',
  received: 'Received',
  site: 'Site',
  empty: 'No study yet.',
  noName: 'no name',
};

export const archiveMessages: Record<Locale, ArchiveMessages> = { fr, en };

export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}
