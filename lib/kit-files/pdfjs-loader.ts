/**
 * pdf.js, loaded on first use (it is ~0.5 MB, plus a 1.3 MB worker): only a user who uploads a PDF pays
 * for it.
 *
 * - The legacy build, because the modern one calls `Map.prototype.getOrInsertComputed` (Firefox 144, Chrome
 *   145) and the extension supports Firefox from 140 (wxt.config.ts `strict_min_version`). The legacy build
 *   carries polyfills instead; it is otherwise the same code.
 * - The worker is pdf.js's own file, copied into the build by Vite's `?url` import and started from the
 *   extension's origin, which the extension CSP (`script-src 'self'`) allows. pdf.js parses the PDF there.
 * - Like lib/qr's zxing-wasm-location.ts, the import is dynamic so that Node, where `?url` means nothing,
 *   never evaluates it.
 */
export type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<Pdfjs> | undefined;

export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= (async () => {
    const [pdfjs, worker] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      import('pdfjs-dist/legacy/build/pdf.worker.min.mjs?url'),
    ]);
    pdfjs.GlobalWorkerOptions.workerSrc = worker.default;
    return pdfjs;
  })();
  // A failed load (a build that forgot the worker) may succeed after a fix and reload; do not cache it.
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
