import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The page may load only this app's own scripts and styles and talk only to
 * this server (its WebSocket included); pictures may come from any https
 * address, since profiles link their avatars.
 */
export const webAppContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' https: data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names the files under assets/ by their content: they never change under a name. */
const HASHED_ASSETS = '/assets/';

export interface WebApp {
  /** Answers a GET or HEAD the API has no route for with the app's page, when a browser navigates; false otherwise. */
  fallback(request: FastifyRequest, reply: FastifyReply): boolean;
  /** Serves the app's files; call once the API's routes are registered. */
  register(): Promise<void>;
}

/**
 * The built web app (`web/dist`) served at `/` (to any client), or null when
 * `directory` holds no build. Paths the browser navigates to inside the app (/chats/3)
 * get its index.html; every path under one of the API's first segments keeps
 * its problem+json 404, so a mistyped API call never gets a page of HTML.
 */
export function webApp(app: FastifyInstance, directory: string): WebApp | null {
  if (!existsSync(join(directory, 'index.html'))) return null;
  // The first path segment of every API route, collected as routes are added (the app's own files are added last).
  const apiSegments = new Set<string>();
  app.addHook('onRoute', (route) => {
    const segment = route.url.split('/')[1];
    if (segment) apiSegments.add(segment);
  });
  apiSegments.add('ws');

  return {
    fallback(request, reply) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return false;
      const path = request.url.split('?')[0]!;
      // The root is the app's own address, whoever asks; deeper paths get the page only when a browser navigates.
      if (path !== '/' && (apiSegments.has(path.split('/')[1] ?? '') || !acceptsHtml(request))) return false;
      void reply.sendFile('index.html');
      return true;
    },
    async register() {
      const options = {
        root: directory,
        index: false as const,
        cacheControl: false,
        setHeaders: (reply: FastifyReply, filePath: string) => {
          const hashed = filePath.slice(directory.length).replaceAll('\\', '/').startsWith(HASHED_ASSETS);
          void reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
          if (filePath.endsWith('.html')) void reply.header('content-security-policy', webAppContentSecurityPolicy);
        },
      };
      // reply.sendFile for the fallback, at the root where the not-found handler runs.
      await app.register(fastifyStatic, { ...options, serve: false });
      await app.register(async (files) => {
        // The app's files need no token: they are the same for everyone.
        files.addHook('onRoute', (route) => {
          route.config = { ...route.config, public: true };
        });
        // One route per file of the build, found at start; any other path falls through to the fallback.
        await files.register(fastifyStatic, { ...options, prefix: '/', wildcard: false, decorateReply: false });
      });
    },
  };
}

function acceptsHtml(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/html');
}
