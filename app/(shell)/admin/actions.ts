'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getServerContext } from '@/server/context';
import { createApiToken, revokeApiToken } from '@/server/auth/api-tokens';
import { canAdminister } from '@/server/auth/authorization';
import { audit } from '@/server/audit/audit';
import { requireUser } from '../../lib/current-user';

export type CreateTokenState = { token?: string; error?: 'invalid' | 'forbidden' };

const createTokenSchema = z.object({
  name: z.string().trim().min(1).max(100),
  userId: z.string().min(1),
  expiresInDays: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : Number(value)))
    .pipe(z.number().int().min(1).max(3650).optional()),
});

async function requireAdmin() {
  const user = await requireUser();
  const actor = { userId: user.id, role: user.role, siteId: user.site.id };
  return canAdminister(actor) ? actor : undefined;
}

export async function createTokenAction(
  _previous: CreateTokenState,
  form: FormData,
): Promise<CreateTokenState> {
  const actor = await requireAdmin();
  if (!actor) return { error: 'forbidden' };

  const parsed = createTokenSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: 'invalid' };
  const { db } = getServerContext();
  const owner = await db.user.findUnique({
    where: { id: parsed.data.userId },
    select: { id: true },
  });
  if (!owner) return { error: 'invalid' };

  const expiresAt = parsed.data.expiresInDays
    ? new Date(Date.now() + parsed.data.expiresInDays * 24 * 3600_000)
    : undefined;
  const { id, token } = await createApiToken(db, {
    name: parsed.data.name,
    userId: owner.id,
    createdById: actor.userId,
    expiresAt,
  });
  await audit(db, { actor, action: 'api-token.create', objectType: 'api-token', objectId: id });
  revalidatePath('/admin');
  return { token };
}

export async function revokeTokenAction(form: FormData): Promise<void> {
  const actor = await requireAdmin();
  const id = String(form.get('id') ?? '');
  if (!actor || !id) return;

  const { db } = getServerContext();
  if (await revokeApiToken(db, id)) {
    await audit(db, { actor, action: 'api-token.revoke', objectType: 'api-token', objectId: id });
  }
  revalidatePath('/admin');
}
