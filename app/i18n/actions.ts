'use server';

import { cookies } from 'next/headers';
import { LOCALES, type Locale } from './messages';
import { LOCALE_COOKIE } from './locale';

export async function chooseLocale(locale: Locale): Promise<void> {
  if (!LOCALES.includes(locale)) return;
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: '/',
    maxAge: 365 * 24 * 3600,
    sameSite: 'lax',
  });
}
