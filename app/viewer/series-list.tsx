'use client';

// The study's series as thumbnails; picking one opens it in the viewport.

import { useEffect, useState } from 'react';

import type { ViewerMessages } from '@/app/i18n/session-messages';
import { listSeries, loadSeriesStack, thumbnailUrl, type SeriesSummary } from './dicomweb-series';

interface SeriesItem extends SeriesSummary {
  thumbnail: string | null;
}

export function SeriesList({
  studyInstanceUid,
  t,
  activeSeriesInstanceUid,
  onOpen,
  onSeriesListed,
}: {
  studyInstanceUid: string;
  t: ViewerMessages;
  activeSeriesInstanceUid: string | null;
  onOpen: (seriesInstanceUid: string) => void;
  /** Called once with the series found, e.g. to open the first one. */
  onSeriesListed?: (series: SeriesSummary[]) => void;
}) {
  const [items, setItems] = useState<SeriesItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    listSeries(studyInstanceUid)
      .then(async (series) => {
        if (cancelled) return;
        setItems(series.map((s) => ({ ...s, thumbnail: null })));
        onSeriesListed?.(series);

        // The middle slice: the first one of a head CT is mostly skull base.
        for (const s of series) {
          const stack = await loadSeriesStack(studyInstanceUid, s.seriesInstanceUid);
          const middle = stack.frames[Math.floor(stack.frames.length / 2)];
          const thumbnail = thumbnailUrl(
            studyInstanceUid,
            s.seriesInstanceUid,
            middle.sopInstanceUid,
          );
          if (cancelled) return;
          setItems((current) =>
            (current ?? []).map((item) =>
              item.seriesInstanceUid === s.seriesInstanceUid ? { ...item, thumbnail } : item,
            ),
          );
        }
      })
      .catch((cause: Error) => !cancelled && setError(t.cannotListSeries(cause.message)));
    return () => {
      cancelled = true;
    };
    // onSeriesListed and t are read once per study on purpose.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [studyInstanceUid]);

  if (error) return <p className="p-2 text-xs text-red-300">{error}</p>;
  if (!items) return <p className="p-2 text-xs text-slate-400">{t.listingSeries}</p>;

  return (
    <ul
      className="flex gap-2 overflow-x-auto p-2 lg:flex-col lg:overflow-y-auto"
      aria-label={t.series}
    >
      {items.map((item) => (
        <li key={item.seriesInstanceUid} className="shrink-0">
          <button
            type="button"
            onClick={() => onOpen(item.seriesInstanceUid)}
            aria-pressed={item.seriesInstanceUid === activeSeriesInstanceUid}
            className={`block w-24 rounded border p-1 text-left text-[11px] leading-tight
              lg:w-full ${
                item.seriesInstanceUid === activeSeriesInstanceUid
                  ? 'border-sky-400 bg-sky-950'
                  : 'border-slate-700 hover:border-slate-500'
              }`}
          >
            <span className="mb-1 block aspect-square w-full overflow-hidden rounded bg-black">
              {item.thumbnail && (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={item.thumbnail} alt="" className="h-full w-full object-contain" />
              )}
            </span>
            <span className="block font-medium">
              {item.modality} {item.seriesNumber ?? ''}
            </span>
            <span className="block truncate text-slate-400">{item.description || '—'}</span>
            <span className="block text-slate-500">{t.images(item.numberOfInstances ?? null)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
