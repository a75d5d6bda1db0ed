import { mergeConfig } from 'vite';
import { defineConfig } from 'vitest/config';
import viteConfig from './vite.config.js';

// End to end: the built server (with the built app) in a child process, driven by a real Chromium.
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'node',
      include: ['e2e/**/*.e2e.ts'],
      testTimeout: 10 * 60_000,
      hookTimeout: 4 * 60_000,
      fileParallelism: false,
    },
  }),
);
