import { DicomRejection } from './dicom-rejection.js';
import type { IndexAttributes } from './index-attributes.js';
import type { FileMetaInformation } from './file-meta-information.js';
import { MEDIA_STORAGE_DIRECTORY_SOP_CLASS } from './tags.js';
import { describeUidProblem, hasLeadingZeroComponent, uidProblem } from './uid.js';

/**
 * The four UIDs that place an instance in the archive (patient/study/series/instance tree
 * and the SOP Class WADO-RS and STOW-RS responses name). All four must be present at the top
 * level of the data set and be valid UIDs; UIDs inside sequences do not count.
 */
export interface InstanceIdentity {
  StudyInstanceUID: string;
  SeriesInstanceUID: string;
  SOPInstanceUID: string;
  SOPClassUID: string;
}

const REQUIRED: Array<[keyof InstanceIdentity, string]> = [
  ['SOPClassUID', '(0008,0016)'],
  ['SOPInstanceUID', '(0008,0018)'],
  ['StudyInstanceUID', '(0020,000D)'],
  ['SeriesInstanceUID', '(0020,000E)'],
];

export function rejectDicomDir(sopClassUID: string | undefined): void {
  if (sopClassUID === MEDIA_STORAGE_DIRECTORY_SOP_CLASS) {
    throw new DicomRejection(
      'dicomdir',
      'The object is a DICOMDIR (Media Storage Directory): it lists the files of a DICOM ' +
        'medium and is not an instance; send the files it references instead',
      { attribute: 'SOPClassUID' },
    );
  }
}

export function assertInstanceIdentity(
  attributes: IndexAttributes,
  meta: FileMetaInformation | undefined,
  warnings: string[],
): asserts attributes is IndexAttributes & InstanceIdentity {
  rejectDicomDir(attributes.SOPClassUID ?? meta?.MediaStorageSOPClassUID);

  const missing = REQUIRED.filter(([keyword]) => !attributes[keyword]);
  if (missing.length > 0) {
    const names = missing.map(([keyword, tag]) => `${keyword} ${tag}`).join(', ');
    throw new DicomRejection(
      'missing-uid',
      `The data set has no ${names}; the archive needs all of SOPClassUID, SOPInstanceUID, ` +
        'StudyInstanceUID and SeriesInstanceUID at its top level',
      { attribute: missing[0]![0] },
    );
  }

  for (const [keyword, tag] of REQUIRED) {
    const uid = attributes[keyword]!;
    const problem = uidProblem(uid);
    if (problem) {
      throw new DicomRejection(
        'invalid-uid',
        `${keyword} ${tag} ${describeUidProblem(uid, problem)}`,
        { attribute: keyword },
      );
    }
    if (hasLeadingZeroComponent(uid)) {
      warnings.push(`${keyword} ${uid} has a component with a leading zero (PS3.5 9.1)`);
    }
  }

  const metaInstance = meta?.MediaStorageSOPInstanceUID;
  if (metaInstance && metaInstance !== attributes.SOPInstanceUID) {
    warnings.push(
      'MediaStorageSOPInstanceUID in the File Meta Information differs from SOPInstanceUID; ' +
        'the data set value is used',
    );
  }
}
