// Keeps the viewers of a session on the leader's view: the leader sends its view after each
// viewport change; followers apply the latest one on the next animation frame.

import type { ViewState } from '@/server/realtime/session/protocol';
import { VIEW_EVENTS, type StackViewer } from '@/app/viewer/stack-viewer';
import type { SessionClient } from './session-client';

/**
 * Wires one viewer to the session's view. Returns the function that unwires it.
 *
 * @param client - the joined (or joining) session
 * @param viewer - the viewer whose StackViewport is sent or driven
 */
export function attachViewSync(client: SessionClient, viewer: StackViewer): () => void {
  let seq = 0;
  let lastSent = '';
  let sendFrame = 0;
  let pending: ViewState | null = null;
  let applyFrame = 0;
  let applying = false;

  // Leader: one view a frame at most, and only when it differs from the last one sent.
  const sendView = (force = false) => {
    if (!client.isLeader) return;
    const view = viewer.getView();
    if (!view) return;
    const key = JSON.stringify(view);
    if (!force && key === lastSent) return;
    if (client.send({ type: 'view', seq: ++seq, view })) lastSent = key;
  };
  const onViewportChange = () => {
    if (!client.isLeader || sendFrame) return;
    sendFrame = requestAnimationFrame(() => {
      sendFrame = 0;
      sendView();
    });
  };

  // Follower: only the newest view matters; one that arrives while a slice still loads
  // replaces the one waiting.
  const applyLatest = async () => {
    applyFrame = 0;
    if (applying || !pending) return;
    applying = true;
    try {
      while (pending && client.isFollowing) {
        const view = pending;
        pending = null;
        await viewer.applyView(view);
      }
    } catch (error) {
      console.error("The leader's view could not be applied", error);
    } finally {
      applying = false;
      pending = null;
    }
  };
  const receiveView = (view: ViewState) => {
    if (!client.isFollowing) return;
    pending = view;
    applyFrame ||= requestAnimationFrame(() => void applyLatest());
  };

  // A leader whose page was just (re)loaded still holds the lead, but its viewer shows the
  // default slice and window: it first takes back the session's view, then states it.
  let restored = false;
  const restoreThenLead = async (view: ViewState) => {
    try {
      await viewer.applyView(view);
    } catch (error) {
      console.error('The session view could not be restored', error);
    }
    sendView(true);
  };

  let wasLeader = client.isLeader;
  const unsubscribe = [
    client.on('view', (shared) => receiveView(shared.view)),
    client.on('snapshot', (snapshot) => {
      const firstSnapshot = !restored;
      restored = true;
      // After a (re)join the leader states its view again; a follower takes the leader's.
      if (client.isLeader && firstSnapshot && snapshot.view)
        void restoreThenLead(snapshot.view.view);
      else if (client.isLeader) sendView(true);
      else if (snapshot.view) receiveView(snapshot.view.view);
    }),
    client.on('change', () => {
      if (client.isLeader && !wasLeader) sendView(true);
      wasLeader = client.isLeader;
    }),
  ];
  for (const event of VIEW_EVENTS) viewer.element.addEventListener(event, onViewportChange);

  return () => {
    cancelAnimationFrame(sendFrame);
    cancelAnimationFrame(applyFrame);
    for (const off of unsubscribe) off();
    for (const event of VIEW_EVENTS) viewer.element.removeEventListener(event, onViewportChange);
  };
}
