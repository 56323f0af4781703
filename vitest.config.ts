import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': new URL('./', import.meta.url).pathname } },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Integration suites start real servers and databases; running files one at a time
    // keeps a 2-core machine from timing out.
    fileParallelism: false,
    reporters: ['default'],
  },
});
