import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Pinned so chart snapshots and formatted numbers do not depend on the machine.
    env: { TZ: 'UTC', LANG: 'en_US.UTF-8' },
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // One sample district, release and site build shared by every page test (see the module's comment).
    globalSetup: ['src/test-support/sample-site.ts'],
  },
});
