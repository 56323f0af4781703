/** The answer of GET /api/patients?localId=… (server/cases/patients.ts). */
export interface PatientLookup {
  patient: {
    id: string;
    localId: string;
    name: string;
    birthDate: string | null;
    sex: string | null;
  } | null;
  dicomPatientName: string | null;
  studies: {
    studyInstanceUid: string;
    studyDate: string | null;
    studyTime: string | null;
    description: string | null;
    modalities: string[];
    numberOfInstances: number;
  }[];
}

/** A DICOM person name ("DOE^JOHN^^^") as a person writes it ("DOE JOHN"). */
export function readablePersonName(dicomName: string | null): string {
  if (!dicomName) return '';
  return dicomName
    .split('=')[0]
    .split('^')
    .map((part) => part.trim())
    .filter(Boolean)
    .join(' ');
}

/** "20250314" as "14/03/2025": DICOM dates carry no separators. */
export function readableStudyDate(date: string | null): string {
  if (!date || date.length !== 8) return date ?? '';
  return `${date.slice(6, 8)}/${date.slice(4, 6)}/${date.slice(0, 4)}`;
}
