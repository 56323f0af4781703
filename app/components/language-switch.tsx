'use client';

import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { chooseLocale } from '../i18n/actions';
import type { Locale } from '../i18n/messages';

export function LanguageSwitch({ locale, label }: { locale: Locale; label: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const other: Locale = locale === 'fr' ? 'en' : 'fr';

  return (
    <button
      type="button"
      disabled={pending}
      lang={other}
      onClick={() =>
        startTransition(async () => {
          await chooseLocale(other);
          router.refresh();
        })
      }
      className="rounded border border-current px-2 py-1 text-xs font-medium opacity-80 hover:opacity-100"
    >
      {label}
    </button>
  );
}
