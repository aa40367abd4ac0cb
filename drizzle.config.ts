import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes db/migrations/ from db/schema/; the app applies them at start-up.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: undefined,
});
