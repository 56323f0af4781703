// Window (VOI) presets of a stroke CT reading, in Hounsfield units. Their labels are in
// app/i18n/session-messages.ts.

export type WindowPresetName = 'brain' | 'stroke' | 'subdural' | 'bone' | 'cta';

export interface WindowPreset {
  name: WindowPresetName;
  windowCenter: number;
  windowWidth: number;
}

/**
 * The stroke window (32/8) is deliberately narrow: it separates grey from white matter enough
 * to see the early loss of differentiation of an ischaemic territory (ASPECTS reading).
 */
export const WINDOW_PRESETS: readonly WindowPreset[] = [
  { name: 'brain', windowCenter: 40, windowWidth: 80 },
  { name: 'stroke', windowCenter: 32, windowWidth: 8 },
  { name: 'subdural', windowCenter: 75, windowWidth: 215 },
  { name: 'bone', windowCenter: 600, windowWidth: 2800 },
  { name: 'cta', windowCenter: 300, windowWidth: 600 },
];

export const findPreset = (name: string | undefined) =>
  WINDOW_PRESETS.find((preset) => preset.name === name);
