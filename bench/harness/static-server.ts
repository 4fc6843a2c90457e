import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** Content types the bundles need; `application/wasm` matters: WebAssembly.compileStreaming insists on it. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * The extension's CSP for its pages (wxt.config.ts), applied to the bench page too: code that needs eval or
 * a remote script fails here as it would in the extension, instead of measuring fine and breaking there.
 */
const EXTENSION_PAGE_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

/** The blank page every bench file is loaded into. */
const BLANK_PAGE =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Latchkey bench</title></html>';

export interface StaticServer {
  /** `http://127.0.0.1:<port>`: loopback is a secure context, like an extension page. */
  origin: string;
  close(): Promise<void>;
}

/** Serves `dir` read-only on a free loopback port, with a blank page under the extension's CSP at `/`. */
export async function serveDirectory(dir: string): Promise<StaticServer> {
  const root = normalize(dir + sep);
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (path === '/') {
      response
        .writeHead(200, {
          'content-type': TYPES['.html']!,
          'cache-control': 'no-store',
          'content-security-policy': EXTENSION_PAGE_CSP,
        })
        .end(BLANK_PAGE);
      return;
    }
    const file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
        response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
