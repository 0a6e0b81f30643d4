import { App, Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { VisitSummary } from "../bindings/VisitSummary";
import { formatFen } from "../money";
import { CreateCustomerModal } from "../customers/CreateCustomerModal";
import { type MeasurementDraft, MeasurementInputs, draftFrom, measurementsOf, useCtrlEnter } from "./measurements";
import { Timer } from "./Timer";
import type { StageProps } from "./VisitPage";
import { errorOf, errorMessage } from "../api/errors";

const MINUTE = 60_000;

/** 迎客: who she is, what to say, what is open for her; then consult. */
export function GreetStage({ visit, onChange, onError, onCheckout }: StageProps) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<VisitSummary | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState("");
  const [registering, setRegistering] = useState(false);
  const customerId = visit.customer?.id ?? null;
  useEffect(() => {
    if (customerId !== null) call("customer_visit_summary", customerId).then(setSummary, onError);
  }, [customerId, onError]);

  const start = async () => {
    try {
      onChange(await call("advance_visit", { visit_id: visit.id, to: "consult" }));
    } catch (e) {
      onError(e);
    }
  };
  useCtrlEnter(() => void start());

  const cancel = async () => {
    try {
      onChange(await call("cancel_visit", { visit_id: visit.id, reason }));
      setCancelling(false);
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Card>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {visit.customer && (
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="visit-greeting">
            “{t("visit.visit.greeting", { name: visit.customer.address_as })}”
          </Typography.Title>
        )}
        {summary && (
          <Space orientation="vertical" size={4} data-testid="visit-summary">
            {summary.last_visit_date ? (
              <Typography.Text>
                {t("visit.visit.lastVisit", {
                  date: summary.last_visit_date,
                  days: summary.days_since_last_visit ?? 0,
                  stylist: summary.last_stylist ?? "—",
                })}
              </Typography.Text>
            ) : (
              <Tag color="blue">{t("visit.visit.firstVisit")}</Tag>
            )}
            {summary.last_services.length > 0 && (
              <Typography.Text type="secondary">
                {t("visit.visit.lastServices", { services: summary.last_services.join("、") })}
              </Typography.Text>
            )}
            <Space wrap>
              {summary.visits > 0 && <Tag>{t("visit.visit.visits", { count: summary.visits })}</Tag>}
              {summary.birthday_this_month && <Tag color="magenta">{t("visit.visit.birthday")}</Tag>}
              {summary.open_followups > 0 && (
                <Tag color="orange">{t("visit.visit.openFollowups", { count: summary.open_followups })}</Tag>
              )}
              {summary.open_complaints > 0 && (
                <Tag color="red">{t("visit.visit.openComplaints", { count: summary.open_complaints })}</Tag>
              )}
            </Space>
          </Space>
        )}
        {!visit.customer && (
          <Alert
            type="info"
            title={t("visit.visit.attachHint")}
            action={
              <Button size="small" onClick={() => setRegistering(true)} data-testid="visit-attach">
                {t("visit.visit.attach")}
              </Button>
            }
          />
        )}
        <Space wrap>
          <Button type="primary" size="large" onClick={() => void start()} data-testid="visit-start-consult" autoFocus>
            {t("visit.visit.startConsult")} <Typography.Text type="secondary" style={{ color: "inherit", opacity: 0.7 }}>Ctrl+Enter</Typography.Text>
          </Button>
          <Button onClick={onCheckout} data-testid="visit-skip-checkout">
            {t("visit.visit.skipToCheckout")}
          </Button>
          <Button danger onClick={() => setCancelling(true)} data-testid="visit-cancel">
            {t("visit.visit.cancel")}
          </Button>
        </Space>
      </Space>
      <Modal
        open={cancelling}
        title={t("visit.visit.cancelTitle")}
        onCancel={() => setCancelling(false)}
        onOk={() => void cancel()}
        okButtonProps={{ danger: true, "data-testid": "visit-cancel-ok" }}
        destroyOnHidden
      >
        <Input
          autoFocus
          placeholder={t("visit.visit.cancelReason")}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={200}
          data-testid="visit-cancel-reason"
        />
      </Modal>
      <CreateCustomerModal
        open={registering}
        onClose={() => setRegistering(false)}
        onCreated={(c) => {
          setRegistering(false);
          call("attach_customer", { visit_id: visit.id, customer_id: c.id }).then(onChange, onError);
        }}
        onOpenExisting={(id) => {
          setRegistering(false);
          call("attach_customer", { visit_id: visit.id, customer_id: id }).then(onChange, onError);
        }}
      />
    </Card>
  );
}

/** 咨询: needs, pre-service measurements, services and quote, stylist, care plan. */
export function ConsultStage({ visit, catalog, stylists, now, onChange, onError, onCheckout }: StageProps) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [needs, setNeeds] = useState(visit.needs);
  const [services, setServices] = useState<number[]>(
    visit.bill.lines.filter((l) => l.kind === "service").map((l) => l.item_id),
  );
  const [stylist, setStylist] = useState<number | null>(visit.stylist?.id ?? null);
  const [carePlan, setCarePlan] = useState(visit.care_plan);
  const [interval, setInterval] = useState<number | null>(visit.care_interval_days);
  const [draft, setDraft] = useState<MeasurementDraft>(draftFrom(visit.measurements, "pre"));
  const [fieldErr, setFieldErr] = useState<Record<string, string>>({});

  const quote = services.reduce((sum, id) => sum + (catalog.services.find((s) => s.id === id)?.price ?? 0), 0);
  const maxMinutes = visit.new_customer ? 20 : 15;

  const save = async (thenService: boolean): Promise<boolean> => {
    const m = measurementsOf(catalog.metrics, draft);
    if (m.bad) {
      setFieldErr({ measurements: `${m.bad.name}: ${t("invalid.format", { field: m.bad.name })}` });
      return false;
    }
    try {
      const v = await call("save_consult", {
        visit_id: visit.id,
        needs,
        measurements: m.values,
        services,
        stylist_id: stylist,
        care_plan: carePlan,
        care_interval_days: interval,
      });
      setFieldErr({});
      onChange(v);
      if (thenService) onChange(await call("advance_visit", { visit_id: visit.id, to: "service" }));
      return true;
    } catch (e) {
      const err = errorOf(e);
      if (err.field) setFieldErr({ [err.field]: errorMessage(t, err) });
      onError(e);
      return false;
    }
  };
  useCtrlEnter(() => void save(true));

  const err = (f: string) =>
    fieldErr[f] ? { validateStatus: "error" as const, help: <span data-testid={`field-error-${f}`}>{fieldErr[f]}</span> } : {};

  return (
    <Card
      title={t("visit.stages.consult")}
      extra={
        visit.consult_started_at && (
          <Space>
            <Typography.Text type="secondary">{t("visit.visit.consultTimer")}</Typography.Text>
            <Timer
              since={visit.consult_started_at}
              now={now}
              amberAfter={maxMinutes * MINUTE * 0.8}
              redAfter={maxMinutes * MINUTE}
              testId="consult-timer"
            />
          </Space>
        )
      }
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t("visit.visit.needs")} {...err("needs")}>
          <Input.TextArea
            autoFocus
            rows={2}
            value={needs}
            onChange={(e) => setNeeds(e.target.value)}
            maxLength={500}
            data-testid="consult-needs"
          />
        </Form.Item>
        <Space size="large" align="start" wrap>
          <Form.Item label={t("visit.visit.services")} {...err("services")} style={{ minWidth: 320 }}>
            <Select
              mode="multiple"
              value={services}
              onChange={setServices}
              showSearch={{ optionFilterProp: "label" }}
              options={catalog.services
                .filter((s) => s.active)
                .map((s) => ({ value: s.id, label: `${s.name} ${formatFen(s.price)}` }))}
              data-testid="consult-services"
            />
          </Form.Item>
          <Form.Item label={t("visit.visit.stylistSelect")} {...err("stylist_id")} style={{ minWidth: 200 }}>
            <Select
              allowClear
              value={stylist ?? undefined}
              onChange={(v) => setStylist(v ?? null)}
              showSearch={{ optionFilterProp: "label" }}
              options={stylists.map((s) => ({ value: s.id, label: `${s.staff_no} ${s.name}` }))}
              data-testid="consult-stylist"
            />
          </Form.Item>
          <Form.Item label={t("visit.visit.quote")}>
            <Typography.Text strong style={{ fontSize: 18 }} data-testid="consult-quote">
              {formatFen(quote)}
            </Typography.Text>
          </Form.Item>
        </Space>
        <Form.Item label={t("visit.visit.measurementsPre")} {...err("measurements")}>
          <MeasurementInputs metrics={catalog.metrics} draft={draft} onChange={setDraft} testPrefix="pre" />
        </Form.Item>
        <Space size="large" align="start" wrap style={{ width: "100%" }}>
          <Form.Item label={t("visit.visit.carePlan")} {...err("care_plan")} style={{ minWidth: 440 }}>
            <Input.TextArea rows={2} value={carePlan} onChange={(e) => setCarePlan(e.target.value)} maxLength={1000} />
          </Form.Item>
          <Form.Item label={t("visit.visit.careInterval")} {...err("care_interval_days")}>
            <InputNumber min={1} max={90} value={interval} onChange={(v) => setInterval(v ?? null)} />
          </Form.Item>
        </Space>
      </Form>
      <Space wrap>
        <Button type="primary" size="large" onClick={() => void save(true)} data-testid="consult-next">
          {t("visit.visit.saveAndService")} <span style={{ opacity: 0.7 }}>Ctrl+Enter</span>
        </Button>
        <Button onClick={() => void save(false).then((ok) => ok && void message.success(t("visit.visit.saved")))} data-testid="consult-save">
          {t("visit.visit.save")}
        </Button>
        <Button onClick={() => void save(false).then((ok) => ok && onCheckout())} data-testid="consult-checkout">
          {t("visit.stages.checkout")}
        </Button>
      </Space>
    </Card>
  );
}
