'use client';

import { useEffect, useState } from 'react';
import { callApi } from './api-client';

export interface Neurologist {
  id: string;
  name: string;
  siteName: string;
  regionCode: string;
  onCallNow: boolean;
}

/** The neurologists one may invite or put on call, those on call now first. */
export function useNeurologists(): Neurologist[] {
  const [list, setList] = useState<Neurologist[]>([]);
  useEffect(() => {
    callApi<Neurologist[]>('/api/neurologists')
      .then((all) => setList([...all].sort((a, b) => Number(b.onCallNow) - Number(a.onCallNow))))
      .catch(() => setList([]));
  }, []);
  return list;
}

/** "Dr Marc Lancry — CHU de Guadeloupe (GP) · de garde" */
export function neurologistLabel(n: Neurologist, onCallWord: string): string {
  return `${n.name} — ${n.siteName} (${n.regionCode})${n.onCallNow ? ` · ${onCallWord}` : ''}`;
}
