'use server';

import { signOut } from '@/server/auth/nextauth';

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/signin' });
}
