// A button that opens the print preview of one document (打印服务单, 打印交接记录 …),
// shown only to those who may print it.
import { PrinterOutlined } from "@ant-design/icons";
import { Button, type ButtonProps } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DocumentRequest } from "../bindings/DocumentRequest";
import type { Session } from "../bindings/Session";
import { can } from "../session/can";
import { documentPermission } from "./jobs";
import { PrintPreview } from "./PrintPreview";

export function PrintButton({
  document,
  session,
  label,
  testId,
  ...button
}: {
  document: DocumentRequest;
  /** When given, the button shows only if she may print the document. */
  session?: Session;
  /** The button's text; the document's own (打印服务单 …) when left out. */
  label?: string;
  testId?: string;
} & Omit<ButtonProps, "onClick" | "children">) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (session && !can(session, documentPermission(document))) return null;
  return (
    <>
      <Button icon={<PrinterOutlined />} {...button} onClick={() => setOpen(true)} data-testid={testId ?? `print-${document.kind}`}>
        {label ?? t(`print.docs.${document.kind}`)}
      </Button>
      <PrintPreview document={open ? document : null} onClose={() => setOpen(false)} />
    </>
  );
}
