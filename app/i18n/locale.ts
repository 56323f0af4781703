import { cookies, headers } from 'next/headers';
import { LOCALES, messages, type Locale, type Messages } from './messages';

export const LOCALE_COOKIE = 'archipel-locale';

function isLocale(value: string | undefined): value is Locale {
  return LOCALES.includes(value as Locale);
}

/** The reader's language: their explicit choice, else the browser's, else French. */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  if (isLocale(chosen)) return chosen;

  const accepted = (await headers()).get('accept-language') ?? '';
  const first = accepted.split(',')[0]?.trim().slice(0, 2).toLowerCase();
  return isLocale(first) ? first : 'fr';
}

export async function getMessages(): Promise<{ locale: Locale; t: Messages }> {
  const locale = await getLocale();
  return { locale, t: messages[locale] };
}
