import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { commonError } from '../lib/errors.common';

/** Where `npm run -w @kouan/console build` writes the web console (apps/console/dist). */
export const CONSOLE_DIST_DIR = fileURLToPath(new URL('../../../console/dist', import.meta.url));

/** Paths that are never the console: unknown ones stay JSON 404s, never the SPA page. */
const NOT_CONSOLE = /^\/(api|docs|health)(\/|$)/;
/** Hashed build output: safe to cache for a year. */
const IMMUTABLE_ASSETS = /^\/assets\//;

const NOT_BUILT_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>Kouan</title>
<body style="font-family:sans-serif;padding:2rem"><h1>口岸 Kouan</h1>
<p>控制台尚未构建：请运行 <code>npm run -w @kouan/console build</code>（<code>npm start</code> 会自动构建）。</p>
<p>The web console is not built: run <code>npm run -w @kouan/console build</code> (<code>npm start</code> builds it).</p>
<p>API: <a href="/docs">/docs</a></p></body></html>`;

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Serves the built web console at `/` (one process, one port): files from the build, and the
 * single-page app's index.html for every other GET that is not an API, docs or health path, so a
 * deep link like /parties/party_01… loads the console, which then routes in the browser.
 */
export async function installConsole(app: FastifyInstance, distDir = CONSOLE_DIST_DIR): Promise<void> {
  const built = existsSync(path.join(distDir, 'index.html'));
  if (built) await app.register(fastifyStatic, { root: distDir, serve: false });

  const serve = async (request: FastifyRequest, reply: FastifyReply) => {
    const urlPath = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (NOT_CONSOLE.test(urlPath)) {
      throw commonError('ROUTE_NOT_FOUND', { what: `${request.method} ${urlPath}` });
    }
    if (!built) return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    const relative = path.normalize(urlPath).replace(/^[/\\]+/, '');
    const candidate = path.join(distDir, relative);
    if (relative && candidate.startsWith(distDir) && isFile(candidate)) {
      const maxAge = IMMUTABLE_ASSETS.test(urlPath) ? 365 * 24 * 3600 * 1000 : 0;
      return reply.sendFile(relative, { maxAge, immutable: maxAge > 0 });
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { maxAge: 0 });
  };
  app.get('/', { config: { permission: 'public' }, schema: { hide: true } }, serve);
  app.get('/*', { config: { permission: 'public' }, schema: { hide: true } }, serve);
}
