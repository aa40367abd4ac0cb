import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package folder, and pg-boss and
  // postgres.js open sockets: they run as plain Node modules, not bundled.
  serverExternalPackages: ['@electric-sql/pglite', 'pg-boss', 'postgres', 'pg'],
  experimental: {
    // forbidden() answers 403 from pages and layouts (role checks).
    authInterrupts: true,
  },
  poweredByHeader: false,
};

export default nextConfig;
