import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['lib/**/*.test.ts', 'tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A fixed test key: encryption and keyed hashes need one, and tests must be repeatable.
    env: { APP_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'), NODE_ENV: 'test' },
  },
});
