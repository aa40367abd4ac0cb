import { defineConfig } from 'vitest/config';

// Database-backed tests (test/integration) run on an in-memory PGlite, and a second time on a
// real PostgreSQL when TEST_DATABASE_URL points at one (CI always sets it).
const integration = (db: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: `integration-${db}`,
    include: ['test/integration/**/*.test.ts'],
    env: { TEST_DB: db },
  },
});

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      integration('pglite'),
      ...(process.env.TEST_DATABASE_URL ? [integration('postgres')] : []),
    ],
  },
});
