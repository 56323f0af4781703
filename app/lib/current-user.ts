import { redirect } from 'next/navigation';
import { auth } from '@/server/auth/nextauth';
import { getServerContext } from '@/server/context';

/**
 * The signed-in user with their site, read from the database on every page so that a
 * deactivated account loses access at once. Sends anyone else to the sign-in page.
 */
export async function requireUser() {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect('/signin');

  const user = await getServerContext().db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      role: true,
      locale: true,
      active: true,
      site: {
        select: {
          id: true,
          name: true,
          code: true,
          timeZone: true,
          region: { select: { code: true, name: true } },
        },
      },
    },
  });
  if (!user?.active) redirect('/signin');
  return user;
}

export type CurrentUser = Awaited<ReturnType<typeof requireUser>>;

/** The user as the case workflow's authorization checks see them. */
export function actorOf(user: CurrentUser) {
  return { userId: user.id, role: user.role, siteId: user.site.id };
}
