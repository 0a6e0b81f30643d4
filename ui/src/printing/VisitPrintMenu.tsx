// 打印 on a visit in her card's history: the slip again (a voided visit prints
// marked void), and the care plan when the visit has one. Whether it has
// one is asked only when the menu opens: the card opens often, and fast.
import { DownOutlined, PrinterOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { DocumentRequest } from "../bindings/DocumentRequest";
import type { Session } from "../bindings/Session";
import { can } from "../session/can";
import { PrintPreview } from "./PrintPreview";

export function VisitPrintMenu({ visitId, session }: { visitId: number; session: Session }) {
  const { t } = useTranslation();
  const [plan, setPlan] = useState<boolean | null>(null);
  const [document, setDocument] = useState<DocumentRequest | null>(null);
  const slip = can(session, "run_visits");
  const carePlan = can(session, "view_customers");
  if (!slip && !carePlan) return null;
  const items = [
    ...(slip ? [{ key: "slip", label: <span data-testid={`timeline-print-slip-${visitId}`}>{t("print.docs.slip")}</span> }] : []),
    ...(carePlan && plan ? [{ key: "care_plan", label: <span data-testid={`timeline-print-care-plan-${visitId}`}>{t("print.docs.care_plan")}</span> }] : []),
  ];
  return (
    <>
      <Dropdown
        trigger={["click"]}
        onOpenChange={(open) => {
          if (open && plan === null && carePlan) {
            call("get_visit", visitId).then(
              (v) => setPlan(v.care_plan.trim() !== "" || v.home_care.trim() !== ""),
              () => setPlan(false),
            );
          }
        }}
        menu={{
          items,
          onClick: ({ key }) =>
            setDocument(key === "care_plan" ? { kind: "care_plan", visit_id: visitId } : { kind: "slip", visit_id: visitId }),
        }}
      >
        <Button size="small" type="link" icon={<PrinterOutlined />} style={{ paddingInline: 0 }} data-testid={`timeline-print-${visitId}`}>
          {t("print.print")} <DownOutlined style={{ fontSize: 10 }} />
        </Button>
      </Dropdown>
      <PrintPreview document={document} onClose={() => setDocument(null)} />
    </>
  );
}
