// Window (VOI) presets of a stroke CT reading, in Hounsfield units.

export interface WindowPreset {
  name: string;
  label: string;
  windowCenter: number;
  windowWidth: number;
}

/**
 * The stroke window (32/8) is deliberately narrow: it separates grey from white matter enough
 * to see the early loss of differentiation of an ischaemic territory (ASPECTS reading).
 */
export const WINDOW_PRESETS: readonly WindowPreset[] = [
  { name: 'brain', label: 'Brain', windowCenter: 40, windowWidth: 80 },
  { name: 'stroke', label: 'Stroke', windowCenter: 32, windowWidth: 8 },
  { name: 'subdural', label: 'Subdural', windowCenter: 75, windowWidth: 215 },
  { name: 'bone', label: 'Bone', windowCenter: 600, windowWidth: 2800 },
  { name: 'cta', label: 'CTA', windowCenter: 300, windowWidth: 600 },
];

export const findPreset = (name: string | undefined) =>
  WINDOW_PRESETS.find((preset) => preset.name === name);
