'use client';

// Tool, window preset and display buttons above the viewport.

import type { StackViewer, StackViewerStatus } from './stack-viewer';
import type { PrimaryTool } from './viewer-tools';
import { WINDOW_PRESETS } from './window-presets';

const TOOL_LABELS: Record<PrimaryTool, string> = {
  windowLevel: 'W/L',
  pan: 'Pan',
  zoom: 'Zoom',
  length: 'Length',
  angle: 'Angle',
  ellipticalRoi: 'Ellipse',
  arrow: 'Arrow',
  text: 'Text',
};

const button = (pressed: boolean) =>
  `rounded px-2 py-1 text-xs font-medium ${
    pressed ? 'bg-sky-600 text-white' : 'bg-slate-800 text-slate-200 hover:bg-slate-700'
  }`;

export function ViewerToolbar({
  viewer,
  status,
  onNavigate,
}: {
  viewer: StackViewer;
  status: StackViewerStatus;
  /** The reader changed the view from the toolbar (preset, invert, reset). */
  onNavigate: () => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-1 border-b border-slate-800 p-1.5">
      <div role="group" aria-label="tools" className="flex flex-wrap gap-1">
        {(Object.keys(TOOL_LABELS) as PrimaryTool[]).map((tool) => (
          <button
            key={tool}
            type="button"
            data-tool={tool}
            aria-pressed={status.primaryTool === tool}
            className={button(status.primaryTool === tool)}
            onClick={() => viewer.setPrimaryTool(tool)}
          >
            {TOOL_LABELS[tool]}
          </button>
        ))}
      </div>
      <span className="mx-1 h-5 w-px bg-slate-700" aria-hidden />
      <div role="group" aria-label="window presets" className="flex flex-wrap gap-1">
        {WINDOW_PRESETS.map((preset) => (
          <button
            key={preset.name}
            type="button"
            data-preset={preset.name}
            title={`W ${preset.windowWidth} / L ${preset.windowCenter}`}
            aria-pressed={status.presetName === preset.name}
            className={button(status.presetName === preset.name)}
            onClick={() => {
              onNavigate();
              viewer.setPreset(preset.name);
            }}
          >
            {preset.label}
          </button>
        ))}
      </div>
      <span className="mx-1 h-5 w-px bg-slate-700" aria-hidden />
      <button
        type="button"
        aria-pressed={status.invert}
        className={button(status.invert)}
        onClick={() => {
          onNavigate();
          viewer.toggleInvert();
        }}
      >
        Invert
      </button>
      <button
        type="button"
        className={button(false)}
        onClick={() => {
          onNavigate();
          viewer.reset();
        }}
      >
        Reset
      </button>
    </div>
  );
}
