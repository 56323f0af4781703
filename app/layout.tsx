import type { Metadata, Viewport } from 'next';
import { getLocale } from './i18n/locale';
import './globals.css';

export const metadata: Metadata = {
  title: 'Archipel',
  description: 'Télé-AVC et téléradiologie / Tele-stroke and teleradiology',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#10646d' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
