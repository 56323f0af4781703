'use client';

import { useEffect, useState } from 'react';
import { unlockAlertSound } from '../lib/alert-sound';

/**
 * Browsers grant system notifications only from a click, so the header offers one; the same
 * click unlocks the alert sound. Hidden once allowed, or where notifications do not exist.
 */
// A bell, drawn inline: the machines in the wards may lack an emoji font.
const BELL =
  'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3' +
  'a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z';

export function AlertPermissionButton({ label }: { label: string }) {
  const [permission, setPermission] = useState<NotificationPermission | 'unsupported' | null>(null);

  useEffect(() => {
    setPermission(typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);
  }, []);

  if (permission !== 'default') return null;
  return (
    <button
      type="button"
      onClick={async () => {
        unlockAlertSound();
        setPermission(await Notification.requestPermission());
      }}
      className={[
        'min-h-9 rounded bg-amber-300 px-3 text-xs font-semibold text-amber-950',
        'hover:bg-amber-200',
      ].join(' ')}
    >
      <svg aria-hidden viewBox="0 0 24 24" className="mr-1 inline size-4" fill="currentColor">
        <path d={BELL} />
      </svg>
      {label}
    </button>
  );
}
