import Link from 'next/link';
import { getMessages } from '../i18n/locale';
import { LanguageSwitch } from '../components/language-switch';
import { AlertPermissionButton } from '../components/alert-permission-button';
import { InvitationAlerts } from '../components/invitation-alerts';
import { requireUser } from '../lib/current-user';
import { signOutAction } from '../lib/sign-out';
import type { Messages } from '../i18n/messages';
import type { Role } from '@/server/db/generated/enums';

export const dynamic = 'force-dynamic';

type NavKey = keyof Pick<Messages['shell'], 'home' | 'queue' | 'cases' | 'archive' | 'admin'>;

// What each role finds in the menu (pages are added here as they are built); the server checks
// access again on every page and request.
const NAVIGATION: { key: NavKey; href: string; roles: Role[] }[] = [
  {
    key: 'home',
    href: '/',
    roles: ['EMERGENCY_PHYSICIAN', 'NEUROLOGIST', 'RADIOLOGIST', 'COORDINATOR', 'ADMIN'],
  },
  {
    key: 'queue',
    href: '/queue',
    roles: ['EMERGENCY_PHYSICIAN', 'NEUROLOGIST', 'RADIOLOGIST', 'COORDINATOR'],
  },
  { key: 'cases', href: '/cases', roles: ['EMERGENCY_PHYSICIAN', 'NEUROLOGIST', 'RADIOLOGIST'] },
  {
    key: 'archive',
    href: '/archive',
    roles: ['EMERGENCY_PHYSICIAN', 'NEUROLOGIST', 'RADIOLOGIST'],
  },
  { key: 'admin', href: '/admin', roles: ['ADMIN'] },
];

export default async function ShellLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const { locale, t } = await getMessages();
  const items = NAVIGATION.filter((item) => item.roles.includes(user.role));

  return (
    <div className="flex min-h-dvh flex-col">
      <InvitationAlerts t={t.alerts} priorities={t.priority} failed={t.common.failed} />
      <header className="bg-lagoon-900 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-bold tracking-tight">
            {t.appName}
          </Link>
          <nav
            aria-label="main"
            className="order-last flex w-full gap-4 overflow-x-auto text-sm sm:order-none sm:w-auto"
          >
            {items.map((item) => (
              <Link
                key={item.key}
                href={item.href}
                className={[
                  'flex min-h-10 items-center whitespace-nowrap opacity-85',
                  'hover:opacity-100',
                ].join(' ')}
              >
                {t.shell[item.key]}
              </Link>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <AlertPermissionButton label={t.alerts.enable} />
            <span className="hidden text-right leading-tight sm:block" data-testid="current-user">
              <span className="block font-medium">{user.name}</span>
              <span className="block text-xs opacity-75">
                {t.roles[user.role]} · {user.site.name}
              </span>
            </span>
            <LanguageSwitch locale={locale} label={t.shell.language} />
            <form action={signOutAction}>
              <button type="submit" className="rounded bg-white/10 px-3 py-1.5 hover:bg-white/20">
                {t.shell.signOut}
              </button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-7xl flex-1 px-4 py-6">{children}</main>
    </div>
  );
}
