import { defineConfig } from 'prisma/config';

// The runtime connects through the pg driver adapter (server/db/client.ts); this file serves
// the Prisma CLI of an operator who has network access and wants `prisma migrate deploy`.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? '' },
});
