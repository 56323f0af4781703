'use client';

// Tool, window preset and display buttons above the viewport.

import type { ViewerMessages } from '@/app/i18n/session-messages';
import type { StackViewer, StackViewerStatus } from './stack-viewer';
import { PRIMARY_TOOLS, type PrimaryTool } from './viewer-tools';
import { WINDOW_PRESETS } from './window-presets';

const button = (pressed: boolean) =>
  `rounded px-2 py-1 text-xs font-medium ${
    pressed ? 'bg-sky-600 text-white' : 'bg-slate-800 text-slate-200 hover:bg-slate-700'
  }`;

export function ViewerToolbar({
  viewer,
  status,
  t,
  onNavigate,
}: {
  viewer: StackViewer;
  status: StackViewerStatus;
  t: ViewerMessages;
  /** The reader changed the view from the toolbar (preset, invert, reset). */
  onNavigate: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-1 border-b border-slate-800 p-1.5">
      <div role="group" aria-label={t.toolsGroup} className="flex flex-wrap gap-1">
        {(Object.keys(PRIMARY_TOOLS) as PrimaryTool[]).map((tool) => (
          <button
            key={tool}
            type="button"
            data-tool={tool}
            title={t.toolTitles[tool]}
            aria-pressed={status.primaryTool === tool}
            className={button(status.primaryTool === tool)}
            onClick={() => viewer.setPrimaryTool(tool)}
          >
            {t.tools[tool]}
          </button>
        ))}
      </div>
      <span className="mx-1 h-5 w-px bg-slate-700" aria-hidden />
      <div role="group" aria-label={t.presetsGroup} className="flex flex-wrap gap-1">
        {WINDOW_PRESETS.map((preset) => (
          <button
            key={preset.name}
            type="button"
            data-preset={preset.name}
            title={t.presetTitle(preset.windowWidth, preset.windowCenter)}
            aria-pressed={status.presetName === preset.name}
            className={button(status.presetName === preset.name)}
            onClick={() => {
              onNavigate();
              viewer.setPreset(preset.name);
            }}
          >
            {t.presets[preset.name]}
          </button>
        ))}
      </div>
      <span className="mx-1 h-5 w-px bg-slate-700" aria-hidden />
      <button
        type="button"
        aria-pressed={status.invert}
        title={t.invertTitle}
        className={button(status.invert)}
        onClick={() => {
          onNavigate();
          viewer.toggleInvert();
        }}
      >
        {t.invert}
      </button>
      <button
        type="button"
        title={t.resetTitle}
        className={button(false)}
        onClick={() => {
          onNavigate();
          viewer.reset();
        }}
      >
        {t.reset}
      </button>
    </div>
  );
}
