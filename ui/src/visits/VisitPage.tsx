import { ArrowLeftOutlined, WarningOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Space, Steps, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Catalog } from "../bindings/Catalog";
import type { Session } from "../bindings/Session";
import type { StaffRef } from "../bindings/StaffRef";
import type { Visit } from "../bindings/Visit";
import { formatDateTime } from "../time";
import { CheckoutStage, DoneStage } from "./CheckoutStage";
import { ConsultStage, GreetStage } from "./GreetConsult";
import { ReconsultStage, ServiceStage } from "./ServiceReconsult";
import { useServerNow } from "./useServerNow";
import { useFailureToast } from "../api/errors";
import { useCatalog, useStylists } from "../api/shared";
import { useSlipAtCheckout } from "../printing/useSlipAtCheckout";

const STEP_OF: Record<Visit["stage"], number> = {
  greet: 0,
  consult: 1,
  service: 2,
  reconsult: 3,
  done: 4,
};

export type StageProps = {
  visit: Visit;
  catalog: Catalog;
  stylists: StaffRef[];
  session: Session;
  now: number;
  /** Show the visit as the core returned it after a command. */
  onChange: (v: Visit) => void;
  /** Report a failed command (translated). */
  onError: (e: unknown) => void;
  /** The visit wants to go to checkout (a skip, or the end of re-consult). */
  onCheckout: () => void;
  onOpenCustomer: (id: number) => void;
};

/** One visit, at its current stage, with the form that stage needs. */
export function VisitPage({
  id,
  session,
  onBack,
  onOpenCustomer,
}: {
  id: number;
  session: Session;
  onBack: () => void;
  onOpenCustomer: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const [visit, setVisit] = useState<Visit | null>(null);
  const [checkingOut, setCheckingOut] = useState(false);
  const [serverNow, setServerNow] = useState<number | null>(null);
  const now = useServerNow(serverNow);
  const [slipAtCheckout, slipPreview] = useSlipAtCheckout();

  const onError = useFailureToast();
  const catalog = useCatalog(onError);
  const stylists = useStylists(onError);
  useEffect(() => {
    call("get_visit", id).then(setVisit, onError);
    // The core's clock (tests may inject it) anchors the timers.
    call("get_today_board").then((b) => setServerNow(b.now), () => setServerNow(null));
  }, [id, onError]);

  if (!visit || !catalog) return null;
  const name = visit.customer?.name ?? `${t("visit.visit.anonymous")} · ${visit.walk_in_label}`;
  const step = checkingOut && visit.status === "open" ? 4 : STEP_OF[visit.stage];
  const at = (ms: number | null) => (ms ? formatDateTime(ms, i18n.language).slice(-5) : "");
  const stageTime = (stage: string) => {
    const e = visit.stages.find((s) => s.stage === stage);
    return e ? at(e.at) : "";
  };
  const props: StageProps = {
    visit,
    catalog,
    stylists,
    session,
    now,
    onChange: (v) => {
      // Checked out just now: the slip to hand her.
      if (visit.status === "open" && v.status === "checked_out") slipAtCheckout(v.id);
      setVisit(v);
      if (v.status !== "open") setCheckingOut(false);
    },
    onError,
    onCheckout: () => setCheckingOut(true),
    onOpenCustomer,
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="visit-page">
      <Space style={{ justifyContent: "space-between", width: "100%" }} wrap>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="visit-back">
            {t("visit.visit.back")}
          </Button>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="visit-name">
            {name}
          </Typography.Title>
          {visit.customer && <Typography.Text type="secondary">{visit.customer.address_as}</Typography.Text>}
          {visit.new_customer && <Tag color="blue">{t("visit.board.newCustomer")}</Tag>}
          <Tag color={visit.status === "open" ? "processing" : visit.status === "checked_out" ? "success" : "default"} data-testid="visit-status">
            {t(`visit.status.${visit.status}`)}
          </Tag>
        </Space>
        <Space>
          <Typography.Text type="secondary">{t("visit.visit.slip")}</Typography.Text>
          <Typography.Text strong data-testid="visit-slip">
            {visit.slip_no ?? t("visit.visit.noSlip")}
          </Typography.Text>
          {visit.customer && (
            <Button onClick={() => onOpenCustomer(visit.customer?.id ?? 0)} data-testid="visit-open-card">
              {t("visit.visit.openCard")}
            </Button>
          )}
        </Space>
      </Space>
      {visit.customer?.alert && (
        <Alert type="error" showIcon icon={<WarningOutlined />} title={visit.customer.alert} data-testid="visit-alert" />
      )}
      <Card size="small">
        <Steps
          size="small"
          current={step}
          status={visit.status === "cancelled" || visit.status === "voided" ? "error" : undefined}
          items={[
            { title: t("visit.stages.greet"), description: stageTime("greet") },
            { title: t("visit.stages.consult"), description: stageTime("consult") },
            { title: t("visit.stages.service"), description: stageTime("service") },
            { title: t("visit.stages.reconsult"), description: stageTime("reconsult") },
            { title: t("visit.stages.checkout"), description: at(visit.closed_at) },
            {
              title: t("visit.stages.followup"),
              description: visit.followup_due.join("、"),
            },
          ]}
          data-testid="visit-steps"
        />
      </Card>
      <Descriptions size="small" column={4}>
        <Descriptions.Item label={t("visit.visit.arrived")}>{formatDateTime(visit.arrived_at, i18n.language)}</Descriptions.Item>
        <Descriptions.Item label={t("visit.visit.greetedBy")}>{visit.greeted_by?.name ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("visit.visit.consultant")}>{visit.consultant?.name ?? "—"}</Descriptions.Item>
        <Descriptions.Item label={t("visit.visit.stylist")}>
          {visit.stylist ? `${visit.stylist.staff_no} ${visit.stylist.name}` : "—"}
        </Descriptions.Item>
      </Descriptions>
      <div className="fd-visit-stage-form" data-testid={`visit-stage-${checkingOut ? "checkout" : visit.stage}`}>
        {visit.status !== "open" ? (
          <DoneStage {...props} />
        ) : checkingOut ? (
          <CheckoutStage {...props} onBackFromCheckout={() => setCheckingOut(false)} />
        ) : visit.stage === "greet" ? (
          <GreetStage {...props} />
        ) : visit.stage === "consult" ? (
          <ConsultStage {...props} />
        ) : visit.stage === "service" ? (
          <ServiceStage {...props} />
        ) : (
          <ReconsultStage {...props} />
        )}
      </div>
      {slipPreview}
    </Space>
  );
}
