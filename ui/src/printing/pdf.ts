/// <reference types="vite/client" />
// The real PDF of a document, drawn with pdf.js: the legacy build (its
// polyfills cover WebKitGTK 2.40+ as Debian 12 ships it, and Chromium), its
// worker a file of the app (Vite's `?url`), loaded only when a preview opens.
import type { PDFDocumentProxy } from "pdfjs-dist/legacy/build/pdf.mjs";

type PdfJs = typeof import("pdfjs-dist/legacy/build/pdf.mjs");
let lib: Promise<PdfJs> | null = null;

function pdfjs(): Promise<PdfJs> {
  lib ??= Promise.all([
    import("pdfjs-dist/legacy/build/pdf.mjs"),
    import("pdfjs-dist/legacy/build/pdf.worker.min.mjs?url"),
  ]).then(([m, worker]) => {
    m.GlobalWorkerOptions.workerSrc = worker.default;
    return m;
  });
  // A failed load (a missing chunk) is tried again at the next preview.
  lib.catch(() => (lib = null));
  return lib;
}

/** Base64 (as the shell sends a PdfFile) to bytes. */
export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export async function openPdf(base64: string): Promise<PDFDocumentProxy> {
  const m = await pdfjs();
  return m.getDocument({
    data: base64ToBytes(base64),
    // Our own documents, with their fonts embedded: nothing to fetch, no eval.
    isEvalSupported: false,
    useSystemFonts: false,
    disableAutoFetch: true,
  }).promise;
}

/** CSS pixels per PDF point at 100 % (96 dpi / 72). */
export const PX_PER_PT = 96 / 72;

/**
 * The scale (CSS px per point) to show a page of `widthPt` in a box `boxPx`
 * wide: at most its real size (a roll slip a little larger, to be read),
 * smaller when the box is narrower.
 */
export function fitScale(widthPt: number, boxPx: number, roll: boolean): number {
  const natural = PX_PER_PT * (roll ? 1.25 : 1);
  if (widthPt <= 0 || boxPx <= 0) return natural;
  return Math.min(natural, boxPx / widthPt);
}

/** Draw page `n` (1-based) of `doc` into `canvas`, `boxPx` wide at most, sharp on this screen. */
export async function drawPage(doc: PDFDocumentProxy, n: number, canvas: HTMLCanvasElement, boxPx: number, roll: boolean): Promise<void> {
  const page = await doc.getPage(n);
  const unit = page.getViewport({ scale: 1 });
  const scale = fitScale(unit.width, boxPx, roll);
  const ratio = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: scale * ratio });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  // Its height follows from the canvas's own proportions.
  canvas.style.width = `${Math.floor(viewport.width / ratio)}px`;
  await page.render({ canvas, viewport }).promise;
  page.cleanup();
}
