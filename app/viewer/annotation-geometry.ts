// Cornerstone measurements ↔ the session's annotations. Cornerstone keeps handles in world
// coordinates (millimetres in the patient frame); the session carries [column, row] of one
// image, so a measurement lands on the same pixels in every viewer whatever its camera.

import { utilities, type Types } from '@cornerstonejs/core';
import {
  AngleTool,
  ArrowAnnotateTool,
  EllipticalROITool,
  LabelTool,
  LengthTool,
  annotation as annotationApi,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';

import type {
  AnnotationGeometry,
  AnnotationKind,
  AnnotationValues,
} from '@/server/realtime/session/protocol';
import { annotationPointCounts } from '@/server/realtime/session/protocol';
import type { StackViewer } from './stack-viewer';

type Annotation = ToolTypes.Annotation;

const TOOL_OF_KIND: Record<AnnotationKind, string> = {
  length: LengthTool.toolName,
  angle: AngleTool.toolName,
  ellipticalRoi: EllipticalROITool.toolName,
  arrow: ArrowAnnotateTool.toolName,
  text: LabelTool.toolName,
};

export const kindOfTool = (toolName: string | undefined): AnnotationKind | undefined =>
  (Object.keys(TOOL_OF_KIND) as AnnotationKind[]).find((k) => TOOL_OF_KIND[k] === toolName);

/** A Cornerstone annotation as the session protocol describes it. */
export interface AnnotationShape {
  id: string;
  kind: AnnotationKind;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  frame: number;
  geometry: AnnotationGeometry;
  values: AnnotationValues | null;
  label: string | null;
}

/**
 * Reads one of our kinds of annotation drawn on an image of the viewer's stack; undefined for
 * other tools, other stacks and drawings not finished (too few points).
 */
export function shapeOf(annotation: Annotation, viewer: StackViewer): AnnotationShape | undefined {
  const kind = kindOfTool(annotation.metadata?.toolName);
  const imageId = annotation.metadata?.referencedImageId;
  const stack = viewer.stack;
  if (!kind || !imageId || !stack || !annotation.annotationUID) return undefined;

  const index = stack.imageIds.indexOf(imageId);
  const worldPoints = annotation.data?.handles?.points ?? [];
  if (index < 0 || worldPoints.length !== annotationPointCounts[kind]) return undefined;

  const points: [number, number][] = [];
  for (const world of worldPoints) {
    const imagePoint = utilities.worldToImageCoords(imageId, world);
    if (!imagePoint) return undefined;
    points.push([imagePoint[0], imagePoint[1]]);
  }

  const data = annotation.data as { text?: string; label?: string };
  return {
    id: annotation.annotationUID,
    kind,
    seriesInstanceUid: stack.seriesInstanceUid,
    ...stack.frames[index],
    geometry: { points },
    values: valuesOf(annotation),
    label: data.text || data.label || null,
  };
}

/** The measured values Cornerstone cached for the annotation's image, in protocol units. */
export function valuesOf(annotation: Annotation): AnnotationValues | null {
  const cached = annotation.data?.cachedStats as
    Record<string, Record<string, unknown>> | undefined;
  const stats = cached ? Object.values(cached)[0] : undefined;
  if (!stats) return null;

  const number = (key: string) => {
    const value = stats[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  const values: AnnotationValues = {
    lengthMm: number('length'),
    angleDeg: number('angle'),
    areaMm2: number('area'),
    meanHu: number('mean'),
    stdDevHu: number('stdDev'),
    minHu: number('min'),
    maxHu: number('max'),
  };
  for (const key of Object.keys(values) as (keyof AnnotationValues)[]) {
    if (values[key] === undefined) delete values[key];
  }
  return Object.keys(values).length > 0 ? values : null;
}

const worldPointsOf = (imageId: string, geometry: AnnotationGeometry) =>
  geometry.points.map((point) => {
    const world = utilities.imageToWorldCoords(imageId, point as Types.Point2);
    if (!world) throw new Error(`No image plane for ${imageId}: cannot place the annotation`);
    return world;
  });

/**
 * Adds an annotation drawn elsewhere to Cornerstone's annotation state, under the same UID.
 * Cornerstone computes its measured values again from the geometry, on this image's own
 * pixels and spacing. Returns false when its image is not in the viewer's stack.
 */
export function addRemoteAnnotation(shape: AnnotationShape, viewer: StackViewer): boolean {
  const imageId = viewer.imageIdOf(shape.sopInstanceUid, shape.frame);
  if (!imageId) return false;

  const points = worldPointsOf(imageId, shape.geometry);
  const options = { annotationUID: shape.id, referencedImageId: imageId };
  const label = shape.label ?? '';
  switch (shape.kind) {
    case 'length':
      LengthTool.hydrate(viewer.viewportId, points, options);
      break;
    case 'angle':
      AngleTool.hydrate(viewer.viewportId, points, options);
      break;
    case 'ellipticalRoi':
      EllipticalROITool.hydrate(viewer.viewportId, points, options);
      break;
    case 'arrow':
      ArrowAnnotateTool.hydrate(viewer.viewportId, points, label, options);
      break;
    case 'text':
      LabelTool.hydrate(viewer.viewportId, points[0], label, options);
      break;
  }
  return annotationApi.state.getAnnotation(shape.id) !== undefined;
}

/** Moves an existing annotation to the geometry and label another viewer gave it. */
export function updateRemoteAnnotation(shape: AnnotationShape, viewer: StackViewer) {
  const annotation = annotationApi.state.getAnnotation(shape.id);
  const imageId = annotation?.metadata?.referencedImageId;
  const handles = annotation?.data?.handles;
  if (!annotation || !imageId || !handles) return false;

  handles.points = worldPointsOf(imageId, shape.geometry);
  const data = annotation.data as { text?: string };
  if (shape.kind === 'arrow' || shape.kind === 'text') data.text = shape.label ?? '';
  annotation.invalidated = true;
  viewer.viewport.render();
  return true;
}

/** The same geometry and label, to a tenth of a pixel: tells an echo from a real edit. */
export const sameShape = (a: AnnotationShape, b: Pick<AnnotationShape, 'geometry' | 'label'>) =>
  a.label === b.label &&
  a.geometry.points.length === b.geometry.points.length &&
  a.geometry.points.every(
    ([x, y], i) =>
      Math.abs(x - b.geometry.points[i][0]) < 0.1 && Math.abs(y - b.geometry.points[i][1]) < 0.1,
  );

/** The same measured values, to a hundredth of their unit. */
export function sameValues(a: AnnotationValues | null, b: AnnotationValues | null) {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...keys].every((key) => {
    const x = a?.[key as keyof AnnotationValues];
    const y = b?.[key as keyof AnnotationValues];
    return x === y || (x !== undefined && y !== undefined && Math.abs(x - y) < 0.01);
  });
}
