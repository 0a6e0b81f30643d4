// Every page of a PDF, each on its own canvas as a sheet of paper, scaled to
// fit the box and scrolled when there are many (a roll slip is one tall,
// narrow page).
import { Alert, Spin } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { drawPage, openPdf } from "./pdf";

/** Keyed by the document by its parent: a new PDF is a new component. */
export function PdfPages({ base64, pages, roll }: { base64: string; pages: number; roll: boolean }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const [drawn, setDrawn] = useState(0);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let doc: Awaited<ReturnType<typeof openPdf>> | null = null;
    // The sheets' room: the box less its padding.
    const width = Math.max(200, (box.current?.clientWidth ?? 600) - 48);
    (async () => {
      doc = await openPdf(base64);
      for (let n = 1; n <= doc.numPages && live; n++) {
        const canvas = canvases.current[n - 1];
        if (canvas) await drawPage(doc, n, canvas, width, roll);
        if (live) setDrawn(n);
      }
    })().catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
      void doc?.destroy();
    };
  }, [base64, roll]);

  return (
    <div ref={box} className="fd-pdf-pages" data-testid="print-preview-pages" data-drawn={drawn}>
      {error && <Alert type="warning" showIcon title={t("print.renderFailed", { reason: error })} />}
      {drawn === 0 && !error && (
        <div className="fd-pdf-loading">
          <Spin />
        </div>
      )}
      {Array.from({ length: pages }, (_, i) => (
        <canvas
          key={i}
          ref={(el) => {
            canvases.current[i] = el;
          }}
          className={i < drawn ? "fd-pdf-page" : "fd-pdf-page fd-pdf-pending"}
          data-testid={`print-page-${i + 1}`}
        />
      ))}
    </div>
  );
}
