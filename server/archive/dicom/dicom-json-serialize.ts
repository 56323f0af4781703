import type { DicomJsonAttribute, DicomJsonDataSet } from './dicom-json.js';

/**
 * DICOM JSON text with attributes in tag order (PS3.18 F.2 orders them by tag).
 * JSON.stringify cannot guarantee it: JavaScript puts integer-like keys such as "30040002"
 * or "10010010" before all others, so RT and private attributes would jump to the front.
 *
 * @param value one data set (instance metadata) or a list of them (series or study).
 */
export function serializeDicomJson(value: DicomJsonDataSet | DicomJsonDataSet[]): string {
  return Array.isArray(value) ? `[${value.map(dataSetText).join(',')}]` : dataSetText(value);
}

function dataSetText(dataSet: DicomJsonDataSet): string {
  // Keys are 8 uppercase hex digits, so string order is tag order.
  const keys = Object.keys(dataSet).sort();
  const members = keys.map((key) => `${JSON.stringify(key)}:${attributeText(dataSet[key]!)}`);
  return `{${members.join(',')}}`;
}

function attributeText(attribute: DicomJsonAttribute): string {
  const parts = [`"vr":${JSON.stringify(attribute.vr)}`];
  if (attribute.Value !== undefined) {
    // Only sequence items are data sets; person names and the rest are plain JSON.
    const values =
      attribute.vr === 'SQ'
        ? attribute.Value.map((item) => dataSetText(item as DicomJsonDataSet))
        : attribute.Value.map((value) => JSON.stringify(value));
    parts.push(`"Value":[${values.join(',')}]`);
  }
  if (attribute.BulkDataURI !== undefined) {
    parts.push(`"BulkDataURI":${JSON.stringify(attribute.BulkDataURI)}`);
  }
  if (attribute.InlineBinary !== undefined) {
    parts.push(`"InlineBinary":${JSON.stringify(attribute.InlineBinary)}`);
  }
  return `{${parts.join(',')}}`;
}
