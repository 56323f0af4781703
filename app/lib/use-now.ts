'use client';

import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every second for ticking clocks. Null during the server render
 * and the first client render, so both print the same thing and hydration does not complain.
 */
export function useNow(intervalMs = 1000): number | null {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
