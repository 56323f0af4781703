'use client';

// The DICOM viewer: series thumbnails, toolbar, one stack viewport with its slice slider and
// loading bar. Client only (WebGL, workers): pages load it with next/dynamic and ssr: false.
// It fills its nearest positioned ancestor, which the page sizes.

import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

import type { Locale } from '@/app/i18n/messages';
import { sessionMessages } from '@/app/i18n/session-messages';
import { ensureCornerstone } from './cornerstone-setup';
import { LabelInput } from './label-input';
import { SeriesList } from './series-list';
import { StackViewer, type StackViewerStatus } from './stack-viewer';
import { ViewerToolbar } from './viewer-toolbar';
import { NAVIGATION_TOOLS } from './viewer-tools';
import { findPreset } from './window-presets';

const SCROLL_KEYS: Record<string, number> = {
  ArrowUp: -1,
  ArrowLeft: -1,
  ArrowDown: 1,
  ArrowRight: 1,
  PageUp: -10,
  PageDown: 10,
};

export interface ViewerProps {
  studyInstanceUid: string;
  /** The language of every word the viewer shows, on its controls and on the image. */
  locale: Locale;
  /** Receives the StackViewer once Cornerstone runs, and null when it goes. */
  onViewer?: (viewer: StackViewer | null) => void;
  /**
   * The reader did something that changes the view (scroll, window, zoom, pan, preset...),
   * before it takes effect. A session follower leaves the leader's view on it.
   */
  onNavigate?: () => void;
  /** Drawn over the viewport, e.g. other participants' cursors. */
  children?: ReactNode;
}

export default function Viewer({
  studyInstanceUid,
  locale,
  onViewer,
  onNavigate,
  children,
}: ViewerProps) {
  const t = sessionMessages[locale].viewer;
  const elementRef = useRef<HTMLDivElement>(null);
  const [viewer, setViewer] = useState<StackViewer | null>(null);
  const [status, setStatus] = useState<StackViewerStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onViewerRef = useRef(onViewer);
  onViewerRef.current = onViewer;
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const navigate = () => onNavigate?.();

  useEffect(() => {
    let disposed = false;
    let created: StackViewer | null = null;
    ensureCornerstone()
      .then(() => {
        if (disposed || !elementRef.current) return;
        created = new StackViewer(elementRef.current, studyInstanceUid, localeRef.current);
        setViewer(created);
        onViewerRef.current?.(created);
      })
      .catch((cause: Error) => setError(t.cannotStart(cause.message)));
    return () => {
      disposed = true;
      onViewerRef.current?.(null);
      created?.destroy();
    };
    // t follows the locale, which the next effect hands to a running viewer.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [studyInstanceUid]);

  useEffect(() => viewer?.setLocale(locale), [viewer, locale]);

  // Status for the controls, at most once a frame however many viewport events fire.
  useEffect(() => {
    if (!viewer) return;
    let frame = 0;
    const unsubscribe = viewer.subscribe(() => {
      if (frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setStatus(viewer.status());
      });
    });
    setStatus(viewer.status());
    return () => {
      cancelAnimationFrame(frame);
      unsubscribe();
    };
  }, [viewer]);

  useEffect(() => {
    const element = elementRef.current;
    if (!viewer || !element) return;
    const observer = new ResizeObserver(() => viewer.resize());
    observer.observe(element);
    return () => observer.disconnect();
  }, [viewer]);

  const openSeries = (seriesInstanceUid: string) => {
    navigate();
    viewer
      ?.openSeries(seriesInstanceUid)
      .catch((cause: Error) => setError(t.cannotOpenSeries(cause.message)));
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const delta = SCROLL_KEYS[event.key];
    if (!viewer || delta === undefined) return;
    event.preventDefault();
    navigate();
    void viewer.scrollBy(delta);
  };

  const preset = findPreset(status?.presetName ?? undefined);
  const presetLabel = preset ? t.presets[preset.name] : (status?.presetName ?? null);
  const prefetch = status?.prefetch;
  const loading = prefetch && prefetch.loaded + prefetch.failed < prefetch.total;

  return (
    // Absolute: the viewer fills whatever box the page gives it and never grows it.
    <div className="absolute inset-0 flex flex-col bg-slate-950 text-slate-100 lg:flex-row">
      <aside
        className={`min-h-0 shrink-0 overflow-auto border-slate-800
          max-lg:border-b lg:w-36 lg:border-r`}
      >
        {viewer && (
          <SeriesList
            studyInstanceUid={studyInstanceUid}
            t={t}
            activeSeriesInstanceUid={status?.seriesInstanceUid ?? null}
            onOpen={openSeries}
            onSeriesListed={(series) => {
              // A session may already have opened the leader's series.
              if (series[0] && !viewer.stack) {
                viewer.openSeries(series[0].seriesInstanceUid).catch((e: Error) => {
                  setError(t.cannotOpenSeries(e.message));
                });
              }
            }}
          />
        )}
      </aside>

      <section className="flex min-h-0 min-w-0 flex-1 flex-col">
        {viewer && status && (
          <ViewerToolbar viewer={viewer} status={status} t={t} onNavigate={navigate} />
        )}

        <div
          className={`relative min-h-64 flex-1
            outline-none focus-visible:ring-2 focus-visible:ring-sky-500`}
          tabIndex={0}
          onKeyDown={onKeyDown}
          onWheelCapture={navigate}
          onPointerDownCapture={(event) => {
            const dragsView =
              event.button !== 0 ||
              (status && NAVIGATION_TOOLS.includes(status.primaryTool)) === true;
            if (dragsView) navigate();
          }}
          onContextMenu={(event) => event.preventDefault()}
        >
          <div ref={elementRef} className="absolute inset-0" data-testid="viewport" />
          <div className="pointer-events-none absolute inset-0 overflow-hidden">{children}</div>
          {status && status.numberOfSlices > 0 && (
            <p
              className={`pointer-events-none absolute left-2 top-2
                font-mono text-xs text-slate-200 drop-shadow`}
              data-testid="viewport-overlay"
            >
              {t.overlay(
                `${status.sliceIndex + 1}/${status.numberOfSlices}`,
                t.windowShort(round(status.windowWidth), round(status.windowCenter)),
                presetLabel,
                status.invert,
              )}
            </p>
          )}
          {viewer && status?.labelRequest && (
            <LabelInput
              key={status.labelRequest.id}
              tool={status.labelRequest.tool}
              initial={status.labelRequest.initial}
              t={t}
              onAnswer={(label) => viewer.answerLabel(label)}
            />
          )}
          {error && (
            <p
              role="alert"
              className="absolute inset-x-2 bottom-2 rounded bg-red-900/90 p-2 text-sm"
            >
              {error}
            </p>
          )}
          {!status?.numberOfSlices && !error && (
            <p
              className={`pointer-events-none absolute inset-0
              grid place-items-center text-sm text-slate-400`}
            >
              {t.loadingImages}
            </p>
          )}
        </div>

        {viewer && status && status.numberOfSlices > 0 && (
          <div className="flex items-center gap-2 border-t border-slate-800 px-2 py-1.5">
            <input
              type="range"
              aria-label={t.slice}
              min={0}
              max={status.numberOfSlices - 1}
              value={status.sliceIndex}
              onChange={(event) => {
                navigate();
                void viewer.scrollTo(Number(event.target.value));
              }}
              className="flex-1 accent-sky-500"
            />
            <span className="w-16 text-right font-mono text-xs">
              {status.sliceIndex + 1}/{status.numberOfSlices}
            </span>
          </div>
        )}
        {prefetch && loading && (
          <div
            role="progressbar"
            aria-label={t.seriesLoading}
            aria-valuemin={0}
            aria-valuemax={prefetch.total}
            aria-valuenow={prefetch.loaded}
            className="h-1 bg-slate-800"
          >
            <div
              className="h-full bg-sky-500 transition-[width]"
              style={{ width: `${(100 * prefetch.loaded) / prefetch.total}%` }}
            />
          </div>
        )}
      </section>
    </div>
  );
}

const round = (value: number | null) => (value === null ? '–' : String(Math.round(value)));
