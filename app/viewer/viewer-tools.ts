// The viewer's tool group: which Cornerstone tool answers which mouse button, and the tool the
// reader picks for the primary button.

import {
  AngleTool,
  ArrowAnnotateTool,
  EllipticalROITool,
  Enums as ToolEnums,
  LabelTool,
  LengthTool,
  PanTool,
  StackScrollTool,
  ToolGroupManager,
  WindowLevelTool,
  ZoomTool,
  type Types as ToolTypes,
} from '@cornerstonejs/tools';

import { measurementTextLines, type MeasurementWording } from './measurement-text';

const { MouseBindings } = ToolEnums;

/** The tools a reader can put on the primary (left) button, by our name. */
export const PRIMARY_TOOLS = {
  windowLevel: WindowLevelTool.toolName,
  pan: PanTool.toolName,
  zoom: ZoomTool.toolName,
  length: LengthTool.toolName,
  angle: AngleTool.toolName,
  ellipticalRoi: EllipticalROITool.toolName,
  arrow: ArrowAnnotateTool.toolName,
  text: LabelTool.toolName,
} as const;
export type PrimaryTool = keyof typeof PRIMARY_TOOLS;

/** Tools whose drag changes the view (VOI or camera), unlike the measurement tools. */
export const NAVIGATION_TOOLS: readonly PrimaryTool[] = ['windowLevel', 'pan', 'zoom'];

/** The tools whose annotation carries a label the reader types. */
export type LabelledTool = 'arrow' | 'text';

/**
 * Asks the reader for the label of an arrow or a text annotation, `initial` when they edit
 * one; `done(null)` when they give up.
 */
export type AskLabel = (
  tool: LabelledTool,
  initial: string,
  done: (label: string | null) => void,
) => void;

/** What the tools ask of the page: labels from the reader, measurement text in their words. */
export interface ViewerToolText {
  askLabel: AskLabel;
  wording: MeasurementWording;
}

/** Cornerstone's label callbacks of one tool, answered by the page instead of prompt(). */
function labelCallbacks(tool: LabelledTool, askLabel: AskLabel) {
  return {
    // A new annotation without a label is removed by Cornerstone.
    getTextCallback: (done: (label: string | null) => void) => askLabel(tool, '', done),
    // An edit given up keeps the label it had.
    changeTextCallback: (
      annotation: { data?: { text?: string; label?: string } },
      _eventDetail: unknown,
      done: (label: string) => void,
    ) => {
      const initial = annotation.data?.text || annotation.data?.label || '';
      askLabel(tool, initial, (label) => done(label ?? initial));
    },
  };
}

/**
 * Creates the tool group of one viewport: the wheel scrolls the stack, the right button
 * zooms, the middle button pans and the left button runs the reader's chosen tool
 * (window/level to start with).
 */
export function createViewerToolGroup(
  toolGroupId: string,
  viewportId: string,
  renderingEngineId: string,
  text: ViewerToolText,
): ToolTypes.IToolGroup {
  ToolGroupManager.destroyToolGroup(toolGroupId);
  const toolGroup = ToolGroupManager.createToolGroup(toolGroupId);
  if (!toolGroup) throw new Error(`Tool group ${toolGroupId} could not be created`);

  const lines = measurementTextLines(text.wording);
  const configuration: Record<string, Record<string, unknown>> = {
    [LengthTool.toolName]: { getTextLines: lines.length },
    [AngleTool.toolName]: { getTextLines: lines.angle },
    [EllipticalROITool.toolName]: { getTextLines: lines.ellipse },
    [ArrowAnnotateTool.toolName]: labelCallbacks('arrow', text.askLabel),
    [LabelTool.toolName]: labelCallbacks('text', text.askLabel),
  };
  for (const toolName of Object.values(PRIMARY_TOOLS)) {
    toolGroup.addTool(toolName, configuration[toolName]);
  }
  toolGroup.addTool(StackScrollTool.toolName);
  toolGroup.addViewport(viewportId, renderingEngineId);

  toolGroup.setToolActive(StackScrollTool.toolName, {
    bindings: [{ mouseButton: MouseBindings.Wheel }],
  });
  toolGroup.setToolActive(ZoomTool.toolName, {
    bindings: [{ mouseButton: MouseBindings.Secondary }],
  });
  toolGroup.setToolActive(PanTool.toolName, {
    bindings: [{ mouseButton: MouseBindings.Auxiliary }],
  });
  for (const toolName of Object.values(PRIMARY_TOOLS)) toolGroup.setToolPassive(toolName);
  setPrimaryTool(toolGroup, 'windowLevel');
  return toolGroup;
}

/** Puts `tool` on the left button; the previous one keeps its other buttons, if any. */
export function setPrimaryTool(toolGroup: ToolTypes.IToolGroup, tool: PrimaryTool) {
  const current = toolGroup.getActivePrimaryMouseButtonTool();
  if (current && current !== PRIMARY_TOOLS[tool]) toolGroup.setToolPassive(current);
  toolGroup.setToolActive(PRIMARY_TOOLS[tool], {
    bindings: [{ mouseButton: MouseBindings.Primary }],
  });
}
