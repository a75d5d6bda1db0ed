import { defineConfig } from 'vitest/config';

// The same suite runs on PGlite always, and on PostgreSQL when DATABASE_URL is set.
const databases = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export default defineConfig({
  test: {
    globalSetup: ['test/helpers/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: databases.map((name) => ({
      extends: true,
      test: { name, include: ['test/**/*.test.ts'], env: { TEST_DATABASE: name } },
    })),
  },
});
