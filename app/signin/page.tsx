import { redirect } from 'next/navigation';
import { auth } from '@/server/auth/nextauth';
import { getMessages } from '../i18n/locale';
import { LanguageSwitch } from '../components/language-switch';
import { SignInForm } from './sign-in-form';

export const dynamic = 'force-dynamic';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; email?: string }>;
}) {
  if ((await auth())?.user) redirect('/');
  const { locale, t } = await getMessages();
  const { callbackUrl, email } = await searchParams;

  return (
    <main
      className={
        'flex min-h-dvh items-center justify-center p-4 ' +
        'bg-gradient-to-b from-lagoon-900 to-lagoon-700'
      }
    >
      <div className="w-full max-w-sm rounded-xl bg-white p-6 shadow-xl sm:p-8">
        <div className="mb-6 flex items-start justify-between">
          <div>
            <h1 className="text-2xl font-bold text-lagoon-900">{t.appName}</h1>
            <p className="mt-1 text-sm text-slate-600">{t.tagline}</p>
          </div>
          <LanguageSwitch locale={locale} label={t.shell.language} />
        </div>
        <h2 className="mb-4 text-lg font-semibold">{t.signIn.title}</h2>
        <SignInForm t={t.signIn} callbackUrl={callbackUrl ?? '/'} email={email?.slice(0, 254)} />
      </div>
    </main>
  );
}
