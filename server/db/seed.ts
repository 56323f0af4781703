import type { Database } from './client';
import { DEMO_PASSWORD, demoOnCall, demoRegions, demoSites, demoUsers } from './demo-data';
import { hashPassword } from '../auth/passwords';

/**
 * Loads the demo regions, sites, DICOM nodes and users. Safe to run at every start: rows are
 * matched by their natural keys and a demo user's password is only set when it is created.
 */
export async function seedDemo(db: Database): Promise<{ users: number; sites: number }> {
  const regionIds = new Map<string, string>();
  for (const region of demoRegions) {
    const row = await db.region.upsert({
      where: { code: region.code },
      update: {},
      create: region,
    });
    regionIds.set(region.code, row.id);
  }

  const siteIds = new Map<string, string>();
  for (const site of demoSites) {
    const data = {
      name: site.name,
      kind: site.kind,
      timeZone: site.timeZone,
      regionId: regionIds.get(site.region)!,
    };
    const row = await db.site.upsert({
      where: { code: site.code },
      update: data,
      create: { code: site.code, ...data },
    });
    siteIds.set(site.code, row.id);
    for (const aeTitle of site.aeTitles) {
      await db.dicomNode.upsert({
        where: { aeTitle },
        update: {},
        create: { aeTitle, siteId: row.id, description: 'Scanner' },
      });
    }
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of demoUsers) {
    const profile = {
      name: user.name,
      role: user.role,
      siteId: siteIds.get(user.site)!,
      locale: user.locale,
    };
    await db.user.upsert({
      where: { email: user.email },
      update: profile,
      create: { email: user.email, passwordHash, ...profile },
    });
  }

  await seedOnCallRoster(db, regionIds);
  return { users: demoUsers.length, sites: demoSites.length };
}

/** A year-long demo roster, so "the on-call neurologist" of every region has an answer. */
async function seedOnCallRoster(db: Database, regionIds: Map<string, string>) {
  const now = new Date();
  for (const { region, email } of demoOnCall) {
    const regionId = regionIds.get(region)!;
    const current = await db.onCallShift.findFirst({
      where: { regionId, startsAt: { lte: now }, endsAt: { gt: now } },
    });
    if (current) continue;
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    await db.onCallShift.create({
      data: {
        regionId,
        userId: user.id,
        startsAt: new Date(now.getTime() - 3600_000),
        endsAt: new Date(now.getTime() + 365 * 24 * 3600_000),
      },
    });
  }
}
