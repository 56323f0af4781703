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

const askText = (done: (text: string | null) => void) =>
  done(window.prompt('Text of the annotation') ?? null);

/**
 * Creates the tool group of one viewport: the wheel scrolls the stack, the right button
 * zooms, the middle button pans and the left button runs the reader's chosen tool
 * (window/level to start with).
 */
export function createViewerToolGroup(
  toolGroupId: string,
  viewportId: string,
  renderingEngineId: string,
): ToolTypes.IToolGroup {
  ToolGroupManager.destroyToolGroup(toolGroupId);
  const toolGroup = ToolGroupManager.createToolGroup(toolGroupId);
  if (!toolGroup) throw new Error(`Tool group ${toolGroupId} could not be created`);

  for (const toolName of Object.values(PRIMARY_TOOLS)) {
    const textual = toolName === ArrowAnnotateTool.toolName || toolName === LabelTool.toolName;
    // Limitation: arrow and text labels are asked with the browser's prompt dialog.
    toolGroup.addTool(
      toolName,
      textual ? { getTextCallback: askText, changeTextCallback: editText } : undefined,
    );
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

function editText(
  data: { data?: { text?: string } },
  _eventDetail: unknown,
  done: (text: string | null) => void,
) {
  done(window.prompt('Text of the annotation', data.data?.text ?? '') ?? null);
}
