// The text Cornerstone draws beside a length, an angle or an ellipse, in the reader's language:
// its own is English only ("Mean: 35 HU").

import { formatNumber, type ViewerMessages } from '@/app/i18n/session-messages';
import type { Locale } from '@/app/i18n/messages';

/** The language to write in, read at each redraw so that a change of language shows at once. */
export type MeasurementWording = () => { locale: Locale; t: ViewerMessages['measure'] };

type TextLines = (
  data: { cachedStats?: Record<string, Record<string, unknown>> },
  targetId: string,
) => string[] | undefined;

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** `getTextLines` for Cornerstone's length, angle and elliptical ROI tools. */
export function measurementTextLines(wording: MeasurementWording) {
  const unitOf = (unit: unknown, t: ViewerMessages['measure']) =>
    unit === 'HU' ? t.hu : String(unit ?? '');

  const length: TextLines = (data, targetId) => {
    const { length: value, unit } = data.cachedStats?.[targetId] ?? {};
    if (!isNumber(value)) return undefined;
    const { locale } = wording();
    return [`${formatNumber(locale, value, 1)} ${String(unit ?? 'mm')}`];
  };

  const angle: TextLines = (data, targetId) => {
    const { angle: value } = data.cachedStats?.[targetId] ?? {};
    if (!isNumber(value)) return undefined;
    return [`${formatNumber(wording().locale, value, 1)}°`];
  };

  const ellipse: TextLines = (data, targetId) => {
    const stats = data.cachedStats?.[targetId] ?? {};
    const { locale, t } = wording();
    const unit = unitOf(stats.modalityUnit, t);
    const lines: string[] = [];
    if (isNumber(stats.area)) {
      const area = `${formatNumber(locale, stats.area, stats.area < 100 ? 1 : 0)}`;
      lines.push(stats.isEmptyArea ? t.oblique : `${t.area} ${area} ${String(stats.areaUnit)}`);
    }
    if (isNumber(stats.mean)) lines.push(`${t.mean} ${formatNumber(locale, stats.mean)} ${unit}`);
    if (isNumber(stats.stdDev)) {
      lines.push(`${t.stdDev} ${formatNumber(locale, stats.stdDev, 1)} ${unit}`);
    }
    if (isNumber(stats.min) && isNumber(stats.max)) {
      const min = formatNumber(locale, stats.min);
      const max = formatNumber(locale, stats.max);
      lines.push(`${t.min} ${min} / ${t.max} ${max} ${unit}`);
    }
    return lines;
  };

  return { length, angle, ellipse };
}
