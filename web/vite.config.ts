import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Paths the server answers; the dev server passes them through to it (whole segments: /chats is the app's). */
const apiPaths =
  '^/(auth|users|blocks|locations|chat|activities|invitations|connections|ratings|health|ready|openapi\\.json|docs|ws)(/|$|\\?)';
const apiServer = process.env.ICEBREAKER_API ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  resolve: {
    // The SDK is used from source, so the app needs no SDK build first.
    alias: { '@icebreaker/sdk': fileURLToPath(new URL('../sdk/src/index.ts', import.meta.url)) },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { [apiPaths]: { target: apiServer, ws: true } },
  },
});
