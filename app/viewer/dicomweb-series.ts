// Reads a study's series from our DICOMweb service (/dicomweb, same origin, authenticated by
// the session cookie) and turns a series into a Cornerstone stack of wadors: imageIds.

import { wadors } from '@cornerstonejs/dicom-image-loader';

const DICOMWEB = '/dicomweb';
const DICOM_JSON = 'application/dicom+json';

/** One DICOM JSON data set, as QIDO-RS and WADO-RS metadata return it. */
type DicomJson = Record<string, { vr: string; Value?: unknown[] } | undefined>;

export interface SeriesSummary {
  seriesInstanceUid: string;
  seriesNumber: number | null;
  modality: string;
  description: string;
  numberOfInstances: number | null;
}

/** A series ready for StackViewport.setStack: imageIds in anatomical order. */
export interface SeriesStack {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  imageIds: string[];
  /** The SOP Instance UID and frame number of each imageId, same order. */
  frames: { sopInstanceUid: string; frame: number }[];
}

const first = (dataSet: DicomJson, tag: string) => dataSet[tag]?.Value?.[0];
const text = (dataSet: DicomJson, tag: string) => {
  const value = first(dataSet, tag);
  return typeof value === 'string' ? value : value == null ? '' : String(value);
};
const numberOf = (dataSet: DicomJson, tag: string) => {
  const value = Number(first(dataSet, tag));
  return Number.isFinite(value) ? value : null;
};

async function getDicomJson(path: string): Promise<DicomJson[]> {
  const response = await fetch(`${DICOMWEB}${path}`, {
    headers: { accept: DICOM_JSON },
    credentials: 'same-origin',
  });
  // QIDO-RS answers 204 when nothing matches.
  if (response.status === 204) return [];
  if (!response.ok) {
    throw new Error(`DICOMweb ${path} answered ${response.status}: ${await response.text()}`);
  }
  return (await response.json()) as DicomJson[];
}

/** QIDO-RS: the series of one study, by series number. */
export async function listSeries(studyInstanceUid: string): Promise<SeriesSummary[]> {
  const rows = await getDicomJson(`/studies/${studyInstanceUid}/series`);
  return rows
    .map((row) => ({
      seriesInstanceUid: text(row, '0020000E'),
      seriesNumber: numberOf(row, '00200011'),
      modality: text(row, '00080060'),
      description: text(row, '0008103E'),
      numberOfInstances: numberOf(row, '00201209'),
    }))
    .sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0));
}

const stacks = new Map<string, Promise<SeriesStack>>();

/**
 * WADO-RS series metadata → a stack. Each instance's metadata is handed to the loader's
 * metaDataManager under its imageId, so Cornerstone's metadata providers (image plane, pixel,
 * VOI LUT, modality LUT) answer from it; pixel data then comes frame by frame from
 * /frames/{n}. Asked once per series per page.
 */
export function loadSeriesStack(
  studyInstanceUid: string,
  seriesInstanceUid: string,
): Promise<SeriesStack> {
  let stack = stacks.get(seriesInstanceUid);
  if (!stack) {
    stack = buildStack(studyInstanceUid, seriesInstanceUid);
    stack.catch(() => stacks.delete(seriesInstanceUid));
    stacks.set(seriesInstanceUid, stack);
  }
  return stack;
}

async function buildStack(studyInstanceUid: string, seriesInstanceUid: string) {
  const series = `/studies/${studyInstanceUid}/series/${seriesInstanceUid}`;
  const instances = await getDicomJson(`${series}/metadata`);
  if (instances.length === 0) throw new Error(`Series ${seriesInstanceUid} has no instances`);

  const entries = sortAnatomically(instances).flatMap((instance) => {
    const sopInstanceUid = text(instance, '00080018');
    const numberOfFrames = numberOf(instance, '00280008') ?? 1;
    return Array.from({ length: numberOfFrames }, (_, index) => {
      const frame = index + 1;
      const url = `${location.origin}${DICOMWEB}${series}/instances/${sopInstanceUid}`;
      const imageId = `wadors:${url}/frames/${frame}`;
      wadors.metaDataManager.add(imageId, instance as never);
      return { imageId, sopInstanceUid, frame };
    });
  });

  return {
    studyInstanceUid,
    seriesInstanceUid,
    imageIds: entries.map((entry) => entry.imageId),
    frames: entries.map(({ sopInstanceUid, frame }) => ({ sopInstanceUid, frame })),
  };
}

/**
 * Orders slices along the normal of their plane (Image Position Patient projected on the cross
 * product of Image Orientation Patient), as a radiologist scrolls them; Instance Number when a
 * slice lacks its geometry.
 */
function sortAnatomically(instances: DicomJson[]): DicomJson[] {
  const orientation = instances[0]['00200037']?.Value as number[] | undefined;
  const hasGeometry =
    orientation?.length === 6 && instances.every((i) => i['00200032']?.Value?.length === 3);
  if (!hasGeometry) {
    return [...instances].sort(
      (a, b) => (numberOf(a, '00200013') ?? 0) - (numberOf(b, '00200013') ?? 0),
    );
  }

  const [rx, ry, rz, cx, cy, cz] = orientation.map(Number);
  const normal = [ry * cz - rz * cy, rz * cx - rx * cz, rx * cy - ry * cx];
  const depth = (instance: DicomJson) => {
    const [x, y, z] = (instance['00200032']!.Value as number[]).map(Number);
    return x * normal[0] + y * normal[1] + z * normal[2];
  };
  // Ascending along the normal: an axial head CT runs from the skull base up to the vertex.
  return [...instances].sort((a, b) => depth(a) - depth(b));
}

/** A server-rendered JPEG of one instance, for series thumbnails (WADO-RS rendered). */
export function thumbnailUrl(
  studyInstanceUid: string,
  seriesInstanceUid: string,
  sopInstanceUid: string,
) {
  const series = `${DICOMWEB}/studies/${studyInstanceUid}/series/${seriesInstanceUid}`;
  // Brain window: the thumbnail is for recognising the series, not for reading it.
  return `${series}/instances/${sopInstanceUid}/rendered?window=40,80,linear&quality=70`;
}
