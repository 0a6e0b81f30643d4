// 打印预览: the document's real PDF, as it will print on its group's printer
// (an 80 mm roll, A5 or A4), page by page. 打印 sends it to that printer, or
// to another one chosen here, in as many copies as asked; 另存为 PDF writes
// it where the save dialog says.
import { App, Alert, Button, InputNumber, Modal, Select, Space, Spin, Tag, Typography } from "antd";
import { documentDir, homeDir, join } from "@tauri-apps/api/path";
import { save } from "@tauri-apps/plugin-dialog";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { errorText } from "../api/errors";
import type { DocumentRequest } from "../bindings/DocumentRequest";
import type { PdfFile } from "../bindings/PdfFile";
import type { PrintSettings } from "../bindings/PrintSettings";
import type { PrinterInfo } from "../bindings/PrinterInfo";
import type { PrinterTarget } from "../bindings/PrinterTarget";
import { documentGroup, printerName } from "./jobs";
import { PdfPages } from "./PdfPages";
import { usePrint } from "./usePrint";

const AS_SET = "\u0000group";
const SYSTEM_DEFAULT = "\u0000default";

/** The printer chosen in the preview: none (the group's), the system's default, or a named one. */
export function chosenTarget(choice: string): PrinterTarget | null {
  if (choice === AS_SET) return null;
  if (choice === SYSTEM_DEFAULT) return { kind: "system", queue: null };
  return { kind: "system", queue: choice };
}

/** The file's name in the documents folder (the dialog opens there), else the home folder, else alone. */
async function inDocuments(name: string): Promise<string> {
  for (const dir of [documentDir, homeDir]) {
    try {
      return await join(await dir(), name);
    } catch {
      // A computer without that folder: the next one.
    }
  }
  return name;
}

type Loaded = { file: PdfFile; settings: PrintSettings | null; printers: PrinterInfo[] };

/** The preview of `document` while it is not null. */
export function PrintPreview({ document, onClose }: { document: DocumentRequest | null; onClose: () => void }) {
  // A new document is a new preview, from its first state.
  return document ? <PreviewModal key={JSON.stringify(document)} document={document} onClose={onClose} /> : null;
}

function PreviewModal({ document: asked, onClose }: { document: DocumentRequest; onClose: () => void }) {
  const { t } = useTranslation();
  // Keyed by its content: the same document whatever object a re-render passes.
  const [document] = useState(asked);
  const { message } = App.useApp();
  const { print } = usePrint();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState(AS_SET);
  const [copies, setCopies] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const printButton = useRef<HTMLButtonElement>(null);

  // The PDF is laid out for the printer chosen (a receipt printer's roll or
  // a sheet), so it is fetched again when the choice changes.
  useEffect(() => {
    let live = true;
    Promise.all([
      call("document_pdf", { document, target: chosenTarget(choice) }),
      call("get_print_settings").catch(() => null),
      call("list_printers").catch(() => [] as PrinterInfo[]),
    ]).then(
      ([file, settings, printers]) => {
        if (!live) return;
        setLoaded({ file, settings, printers });
        setCopies((c) => c ?? settings?.printers.find((p) => p.group === documentGroup(document))?.copies ?? 1);
      },
      (e) => live && setError(errorText(t, e)),
    );
    return () => {
      live = false;
    };
  }, [document, choice, t]);

  // Enter prints once the document is there.
  useEffect(() => {
    if (loaded) printButton.current?.focus();
  }, [loaded]);

  const group = loaded?.settings?.printers.find((p) => p.group === documentGroup(document));
  const doPrint = async () => {
    if (busy) return;
    setBusy(true);
    const job = await print(document, { target: chosenTarget(choice), copies });
    setBusy(false);
    if (job) onClose();
  };
  const saveAs = async () => {
    if (!loaded) return;
    try {
      const path = await save({
        defaultPath: await inDocuments(loaded.file.file_name),
        filters: [{ name: t("print.pdfFilter"), extensions: ["pdf"] }],
      });
      if (!path) return;
      const written = await call("save_document", { document, path });
      void message.success({ content: <span data-testid="print-saved">{t("print.saved", { path: written })}</span> }, 8);
    } catch (e) {
      void message.error(t("print.saveFailed", { reason: errorText(t, e) }));
    }
  };

  const paper = loaded?.file.paper;
  return (
    <Modal
      open
      onCancel={onClose}
      width={800}
      style={{ top: 24 }}
      destroyOnHidden
      title={
        <Space size={8} wrap>
          <span>{t("print.preview")}</span>
          {loaded && <Typography.Text strong>{loaded.file.title}</Typography.Text>}
          {paper && (
            <Tag color="magenta" variant="filled" data-testid="print-preview-paper">
              {t(`print.paper.${paper === "roll80" || paper === "a5" ? paper : "a4"}`)}
            </Tag>
          )}
          {loaded && (
            <Tag variant="filled" data-testid="print-preview-count">
              {t("print.pages", { n: loaded.file.pages })}
            </Tag>
          )}
        </Space>
      }
      footer={
        <div className="fd-print-footer">
          <Space size={8} wrap>
            <span>{t("print.printer")}</span>
            <Select
              value={choice}
              onChange={setChoice}
              style={{ width: 270 }}
              disabled={!loaded}
              popupMatchSelectWidth={false}
              options={[
                { value: AS_SET, label: t("print.choose.group", { printer: group ? printerName(t, group.target) : t("print.target.systemDefault") }) },
                { value: SYSTEM_DEFAULT, label: t("print.choose.systemDefault") },
                ...(loaded?.printers ?? []).map((p) => ({
                  value: p.name,
                  label: p.is_default ? t("print.choose.isDefault", { name: p.name }) : p.name,
                })),
              ]}
              data-testid="print-preview-printer"
            />
            <span>{t("print.copies")}</span>
            <InputNumber min={1} max={9} precision={0} value={copies} onChange={setCopies} style={{ width: 72 }} disabled={!loaded} data-testid="print-preview-copies" />
          </Space>
          <Space size={8}>
            <Button onClick={() => void saveAs()} disabled={!loaded} data-testid="print-preview-save">
              {t("print.saveAs")}
            </Button>
            <Button onClick={onClose} data-testid="print-preview-close">
              {t("print.close")}
            </Button>
            <Button ref={printButton} type="primary" onClick={() => void doPrint()} disabled={!loaded} loading={busy} data-testid="print-preview-print">
              {t("print.print")}
            </Button>
          </Space>
        </div>
      }
    >
      <div data-testid="print-preview">
        {error ? (
          <Alert type="error" showIcon title={error} data-testid="print-preview-error" />
        ) : loaded ? (
          <PdfPages base64={loaded.file.base64} pages={loaded.file.pages} roll={loaded.file.paper === "roll80"} />
        ) : (
          <div className="fd-pdf-pages">
            <div className="fd-pdf-loading">
              <Spin description={t("print.loading")}>
                <div style={{ width: 200, height: 60 }} />
              </Spin>
            </div>
          </div>
        )}
      </div>
    </Modal>
  );
}
