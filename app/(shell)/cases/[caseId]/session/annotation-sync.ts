// Shares measurements between the viewers of a session: what the reader draws, moves or
// deletes in Cornerstone goes to the server; what the server applied for the others goes into
// Cornerstone's annotation state here. The server's version numbers order the edits.

import { eventTarget } from '@cornerstonejs/core';
import { Enums as ToolEnums, annotation as annotationApi } from '@cornerstonejs/tools';

import type { SessionAnnotation } from '@/server/realtime/session/protocol';
import {
  addRemoteAnnotation,
  sameShape,
  sameValues,
  shapeOf,
  updateRemoteAnnotation,
  type AnnotationShape,
} from '@/app/viewer/annotation-geometry';
import { VIEW_EVENTS, type StackViewer } from '@/app/viewer/stack-viewer';
import type { SessionClient } from './session-client';

const { Events } = ToolEnums;
/** Edits are sent when a drag pauses this long, not on every pointer move. */
const EDIT_DEBOUNCE_MS = 250;

/**
 * The author's colour in every state. NOTE: Cornerstone looks the most specific name up first
 * (colorHighlightedActive, then colorHighlighted, then color) across annotation, viewport and
 * default styles, so a plain `color` on the annotation loses to the defaults' state colours.
 */
function authorStyle(colour: string) {
  const style: Record<string, string> = {};
  for (const state of ['', 'Highlighted', 'Selected', 'Locked']) {
    for (const mode of ['', 'Active', 'Passive', 'Enabled']) style[`color${state}${mode}`] = colour;
  }
  return style as Parameters<typeof annotationApi.config.style.setAnnotationStyles>[1];
}

type AnnotationEvent = CustomEvent<{ annotation: { annotationUID?: string } }>;

/**
 * Wires Cornerstone's annotation events to the session.
 *
 * @param onChange - called with the session's annotations whenever they change (for the list)
 * @returns the unwiring function
 */
export function attachAnnotationSync(
  client: SessionClient,
  viewer: StackViewer,
  onChange: (annotations: SessionAnnotation[]) => void,
): () => void {
  /** What the server holds, by id: the base of our next edit and the echo filter. */
  const synced = new Map<string, SessionAnnotation>();
  /** Applied by the server but not drawn yet: their image is not in the open stack. */
  const waiting = new Set<string>();
  const editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let applyingRemote = false;

  const publish = () => onChange([...synced.values()]);

  const remote = (fn: () => void) => {
    applyingRemote = true;
    try {
      fn();
    } finally {
      applyingRemote = false;
    }
  };

  const draw = (annotation: SessionAnnotation) => {
    const shape: AnnotationShape = annotation;
    const local = annotationApi.state.getAnnotation(annotation.id);
    remote(() => {
      if (!local) {
        if (!addRemoteAnnotation(shape, viewer)) return void waiting.add(annotation.id);
      } else {
        const current = shapeOf(local, viewer);
        if (!current || !sameShape(current, shape)) updateRemoteAnnotation(shape, viewer);
      }
      waiting.delete(annotation.id);
      const colour = client.participant(annotation.authorId)?.colour;
      if (colour)
        annotationApi.config.style.setAnnotationStyles(annotation.id, authorStyle(colour));
    });
  };

  const erase = (id: string) => {
    waiting.delete(id);
    if (annotationApi.state.getAnnotation(id)) {
      remote(() => annotationApi.state.removeAnnotation(id));
      viewer.viewport.render();
    }
  };

  // Local → server.
  const onCompleted = (event: Event) => {
    const annotation = (event as AnnotationEvent).detail.annotation;
    const id = annotation.annotationUID;
    if (applyingRemote || !id || synced.has(id)) return;
    const shape = shapeOf(annotationApi.state.getAnnotation(id), viewer);
    const stack = viewer.stack;
    if (!shape || !stack) return;
    client.send({
      type: 'annotationCreate',
      annotation: { ...shape, studyInstanceUid: stack.studyInstanceUid },
    });
  };

  const onModified = (event: Event) => {
    const id = (event as AnnotationEvent).detail.annotation.annotationUID;
    if (applyingRemote || !id || !synced.has(id)) return;
    scheduleEdit(id);
  };

  const scheduleEdit = (id: string) => {
    clearTimeout(editTimers.get(id));
    editTimers.set(
      id,
      setTimeout(() => {
        editTimers.delete(id);
        const base = synced.get(id);
        const local = annotationApi.state.getAnnotation(id);
        const shape = local && shapeOf(local, viewer);
        if (!base || !shape) return;
        // Cornerstone computes values on a throttle, so they may settle after the create went
        // out: the author corrects them; the others compute their own and keep quiet.
        const mine = base.authorId === client.state.you;
        if (sameShape(shape, base) && !(mine && !sameValues(shape.values, base.values))) return;
        client.send({
          type: 'annotationUpdate',
          id,
          baseVersion: base.version,
          changes: { geometry: shape.geometry, values: shape.values, label: shape.label },
        });
      }, EDIT_DEBOUNCE_MS),
    );
  };

  const onRemoved = (event: Event) => {
    const id = (event as AnnotationEvent).detail.annotation.annotationUID;
    const base = id ? synced.get(id) : undefined;
    if (applyingRemote || !id || !base) return;
    clearTimeout(editTimers.get(id));
    client.send({ type: 'annotationDelete', id, baseVersion: base.version });
  };

  // Server → Cornerstone.
  const offAnnotation = client.on('annotation', (op, annotation) => {
    if (op === 'delete') {
      synced.delete(annotation.id);
      erase(annotation.id);
    } else {
      synced.set(annotation.id, annotation);
      draw(annotation);
      // Our own create may have gone out before Cornerstone settled its values.
      if (op === 'create' && annotation.authorId === client.state.you) scheduleEdit(annotation.id);
    }
    publish();
  });

  const offSnapshot = client.on('snapshot', (snapshot) => {
    const live = new Set(snapshot.annotations.map((a) => a.id));
    for (const id of [...synced.keys()]) {
      if (!live.has(id)) {
        synced.delete(id);
        erase(id);
      }
    }
    for (const annotation of snapshot.annotations) {
      synced.set(annotation.id, annotation);
      draw(annotation);
    }
    publish();
  });

  // NOTE: an edit refused because another came first is undone by taking the server's.
  const offRejected = client.on('rejected', (message) => {
    if (message.reason === 'versionConflict' && message.current) {
      synced.set(message.current.id, message.current);
      draw(message.current);
      publish();
    } else if (message.reason === 'annotationNotFound' && message.annotationId) {
      erase(message.annotationId);
    }
  });

  // Annotations waiting for their series are drawn once it is on screen.
  const drawWaiting = () => {
    for (const id of [...waiting]) {
      const annotation = synced.get(id);
      if (annotation) draw(annotation);
      else waiting.delete(id);
    }
  };
  viewer.element.addEventListener(VIEW_EVENTS[0], drawWaiting);

  eventTarget.addEventListener(Events.ANNOTATION_COMPLETED, onCompleted);
  eventTarget.addEventListener(Events.ANNOTATION_MODIFIED, onModified);
  eventTarget.addEventListener(Events.ANNOTATION_REMOVED, onRemoved);

  return () => {
    for (const timer of editTimers.values()) clearTimeout(timer);
    offAnnotation();
    offSnapshot();
    offRejected();
    viewer.element.removeEventListener(VIEW_EVENTS[0], drawWaiting);
    eventTarget.removeEventListener(Events.ANNOTATION_COMPLETED, onCompleted);
    eventTarget.removeEventListener(Events.ANNOTATION_MODIFIED, onModified);
    eventTarget.removeEventListener(Events.ANNOTATION_REMOVED, onRemoved);
  };
}
