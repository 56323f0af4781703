/**
 * The VOI (window center/width) a rendered image is made with, and where it came from.
 */
export interface Window {
  center: number;
  width: number;
}

export class RenderParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderParameterError';
  }
}

/**
 * Reads `window=center,width[,function]` (PS3.18 8.3.5.1.4). Only the LINEAR function is
 * offered; SIGMOID and LINEAR_EXACT are refused by name.
 *
 * @throws RenderParameterError naming the bad value.
 */
export function parseWindowParameter(value: string | null): Window | undefined {
  if (value === null || value === '') return undefined;
  const [center, width, fn = 'linear'] = value.split(',').map((part) => part.trim());
  const c = Number(center);
  const w = Number(width);
  if (!Number.isFinite(c) || !Number.isFinite(w) || w < 1 || center === '' || width === '') {
    throw new RenderParameterError(
      `window "${value}" must be center,width[,linear] with a width of at least 1`,
    );
  }
  if (fn.toLowerCase() !== 'linear') {
    throw new RenderParameterError(`window function "${fn}" is not supported; use linear`);
  }
  return { center: c, width: w };
}

/**
 * Maps one modality value (after rescale) to 0..255 with the LINEAR function of PS3.3
 * C.11.2.1.2.1, so a CT head at 40/80 looks as it does on the scanner console.
 */
export function linearVoi(value: number, window: Window): number {
  const { center, width } = window;
  if (value <= center - 0.5 - (width - 1) / 2) return 0;
  if (value > center - 0.5 + (width - 1) / 2) return 255;
  return Math.round(((value - (center - 0.5)) / (width - 1) + 0.5) * 255);
}
