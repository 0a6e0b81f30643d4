import { App, Button, Card, Checkbox, DatePicker, Form, Input, Modal, Radio, Select, Space, TimePicker, Typography } from "antd";
import { type Dayjs, instant, wall, wallNow } from "../time";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { type MeasurementDraft, MeasurementInputs, draftFrom, measurementsOf, useCtrlEnter } from "./measurements";
import { Timer } from "./Timer";
import type { StageProps } from "./VisitPage";
import { errorOf, errorMessage, errorText } from "../api/errors";
import { can } from "../session/can";

const MINUTE = 60_000;

function useFieldErrors() {
  const { t } = useTranslation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const fail = (e: unknown) => {
    const err = errorOf(e);
    setErrors(err.field ? { [err.field]: errorMessage(t, err) } : {});
  };
  const item = (f: string) =>
    errors[f] ? { validateStatus: "error" as const, help: <span data-testid={`field-error-${f}`}>{errors[f]}</span> } : {};
  return { fail, item, clear: () => setErrors({}), set: setErrors };
}

/** 服务: the stylist's products used, notes and remarks; then re-consult. */
export function ServiceStage({ visit, catalog, session, now, onChange, onError, onCheckout }: StageProps) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [used, setUsed] = useState(visit.products_used.map((p) => ({ product_id: p.product_id, amount: p.amount })));
  const [notes, setNotes] = useState(visit.service_notes);
  const [remarks, setRemarks] = useState(visit.remarks_for_consultant);
  const [draft, setDraft] = useState<MeasurementDraft>(draftFrom(visit.measurements, "post"));
  const fe = useFieldErrors();
  const minutes = visit.bill.lines
    .filter((l) => l.kind === "service")
    .reduce((s, l) => s + (catalog.services.find((x) => x.id === l.item_id)?.duration_minutes ?? 0), 0);

  const save = async (next: boolean): Promise<boolean> => {
    const m = measurementsOf(catalog.metrics, draft);
    if (m.bad) {
      fe.set({ measurements: `${m.bad.name}: ${t("invalid.format", { field: m.bad.name })}` });
      return false;
    }
    try {
      onChange(
        await call("save_service_notes", {
          visit_id: visit.id,
          products_used: used,
          notes,
          remarks_for_consultant: remarks,
          measurements: m.values,
        }),
      );
      fe.clear();
      if (next) onChange(await call("advance_visit", { visit_id: visit.id, to: "reconsult" }));
      return true;
    } catch (e) {
      fe.fail(e);
      onError(e);
      return false;
    }
  };
  useCtrlEnter(() => void save(true));

  return (
    <Card
      title={t("visit.stages.service")}
      extra={
        visit.service_started_at && (
          <Space>
            <Typography.Text type="secondary">{t("visit.visit.serviceTimer")}</Typography.Text>
            <Timer
              since={visit.service_started_at}
              now={now}
              amberAfter={minutes > 0 ? Math.max(1, minutes - 5) * MINUTE : null}
              redAfter={minutes > 0 ? minutes * MINUTE : null}
              testId="service-timer"
            />
          </Space>
        )
      }
    >
      <Form layout="vertical" component="div">
        <Form.Item label={t("visit.visit.serviceNotes")} {...fe.item("notes")}>
          <Input.TextArea autoFocus rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={1000} data-testid="service-notes" />
        </Form.Item>
        <Form.Item label={t("visit.visit.productsUsed")} {...fe.item("products_used")}>
          <Space orientation="vertical" style={{ width: "100%" }}>
            <Select
              mode="multiple"
              value={used.map((u) => u.product_id)}
              onChange={(ids: number[]) =>
                setUsed(ids.map((id) => used.find((u) => u.product_id === id) ?? { product_id: id, amount: "" }))
              }
              showSearch={{ optionFilterProp: "label" }}
              options={catalog.products.filter((p) => p.active).map((p) => ({ value: p.id, label: p.name }))}
              data-testid="service-products"
            />
            {used.map((u) => (
              <Space key={u.product_id}>
                <span style={{ minWidth: 120, display: "inline-block" }}>
                  {catalog.products.find((p) => p.id === u.product_id)?.name}
                </span>
                <Input
                  style={{ width: 140 }}
                  placeholder={t("visit.visit.productAmount")}
                  value={u.amount}
                  maxLength={20}
                  onChange={(e) =>
                    setUsed(used.map((x) => (x.product_id === u.product_id ? { ...x, amount: e.target.value } : x)))
                  }
                />
              </Space>
            ))}
          </Space>
        </Form.Item>
        <Form.Item label={t("visit.visit.remarks")} {...fe.item("remarks_for_consultant")}>
          <Input value={remarks} onChange={(e) => setRemarks(e.target.value)} maxLength={500} data-testid="service-remarks" />
        </Form.Item>
        <Form.Item label={t("visit.visit.measurementsPost")} {...fe.item("measurements")}>
          <MeasurementInputs metrics={catalog.metrics} draft={draft} onChange={setDraft} compare={visit.measurements} testPrefix="post" />
        </Form.Item>
      </Form>
      <Space wrap>
        <Button type="primary" size="large" onClick={() => void save(true)} data-testid="service-next">
          {t("visit.visit.endService")} <span style={{ opacity: 0.7 }}>Ctrl+Enter</span>
        </Button>
        <Button onClick={() => void save(false).then((ok) => ok && void message.success(t("visit.visit.saved")))} data-testid="service-save">
          {t("visit.visit.save")}
        </Button>
        {can(session, "run_visits") && (
          <Button onClick={() => void save(false).then((ok) => ok && onCheckout())}>{t("visit.stages.checkout")}</Button>
        )}
      </Space>
    </Card>
  );
}

const RATINGS = [5, 4, 3, 2, 1, 0];

/** 再咨询: ratings, comments, measurements against the pre-service ones,
 * home care, recommendations, the next appointment; then checkout. */
export function ReconsultStage({ visit, catalog, stylists, onChange, onError, onCheckout }: StageProps) {
  const { message } = App.useApp();
  const { t, i18n } = useTranslation();
  const [serviceRating, setServiceRating] = useState<number | null>(visit.service_rating);
  const [stylistRating, setStylistRating] = useState<number | null>(visit.stylist_rating);
  const [comments, setComments] = useState(visit.comments);
  const [isComplaint, setIsComplaint] = useState(false);
  const [homeCare, setHomeCare] = useState(visit.home_care);
  const [recommendations, setRecommendations] = useState(visit.recommendations);
  const [draft, setDraft] = useState<MeasurementDraft>(draftFrom(visit.measurements, "post"));
  const [booking, setBooking] = useState(false);
  const [booked, setBooked] = useState<number | null>(null);
  const fe = useFieldErrors();

  const save = async (next: boolean): Promise<boolean> => {
    const m = measurementsOf(catalog.metrics, draft);
    if (m.bad) {
      fe.set({ measurements: `${m.bad.name}: ${t("invalid.format", { field: m.bad.name })}` });
      return false;
    }
    try {
      const v = await call("save_reconsult", {
        visit_id: visit.id,
        service_rating: serviceRating,
        stylist_rating: stylistRating,
        comments,
        comments_are_complaint: isComplaint,
        measurements: m.values,
        home_care: homeCare,
        recommendations,
      });
      fe.clear();
      onChange(v);
      if (v.complaint_id !== null && visit.complaint_id === null) {
        void message.warning(t("visit.visit.complaintOpened"));
      }
      if (next) onCheckout();
      return true;
    } catch (e) {
      fe.fail(e);
      onError(e);
      return false;
    }
  };
  useCtrlEnter(() => void save(true));

  const ratingGroup = (value: number | null, set: (v: number) => void, testId: string) => (
    <Radio.Group
      value={value}
      onChange={(e) => set(e.target.value as number)}
      optionType="button"
      options={RATINGS.map((r) => ({
        value: r,
        label: <span data-testid={`${testId}-${r}`}>{r > 0 ? `${r} ${t(`visit.visit.ratings.${r}`)}` : t("visit.visit.ratings.0")}</span>,
      }))}
    />
  );

  return (
    <Card title={t("visit.stages.reconsult")}>
      <Form layout="vertical" component="div">
        <Form.Item label={t("visit.visit.serviceRating")} {...fe.item("service_rating")}>
          {ratingGroup(serviceRating, setServiceRating, "rating-service")}
        </Form.Item>
        <Form.Item label={t("visit.visit.stylistRating")} {...fe.item("stylist_rating")}>
          {ratingGroup(stylistRating, setStylistRating, "rating-stylist")}
        </Form.Item>
        <Form.Item label={t("visit.visit.comments")} {...fe.item("comments")}>
          <Input.TextArea rows={2} value={comments} onChange={(e) => setComments(e.target.value)} maxLength={1000} data-testid="reconsult-comments" />
          <Checkbox checked={isComplaint} onChange={(e) => setIsComplaint(e.target.checked)} style={{ marginTop: 6 }}>
            {t("visit.visit.commentsAreComplaint")}
          </Checkbox>
        </Form.Item>
        <Form.Item label={t("visit.visit.measurementsPost")} {...fe.item("measurements")}>
          <MeasurementInputs metrics={catalog.metrics} draft={draft} onChange={setDraft} compare={visit.measurements} testPrefix="post" />
        </Form.Item>
        <Space size="large" align="start" wrap style={{ width: "100%" }}>
          <Form.Item label={t("visit.visit.homeCare")} {...fe.item("home_care")} style={{ minWidth: 400 }}>
            <Input.TextArea rows={2} value={homeCare} onChange={(e) => setHomeCare(e.target.value)} maxLength={1000} data-testid="reconsult-home-care" />
          </Form.Item>
          <Form.Item label={t("visit.visit.recommendations")} {...fe.item("recommendations")} style={{ minWidth: 300 }}>
            <Input value={recommendations} onChange={(e) => setRecommendations(e.target.value)} maxLength={500} />
          </Form.Item>
        </Space>
      </Form>
      <Space wrap>
        <Button type="primary" size="large" onClick={() => void save(true)} data-testid="reconsult-next">
          {t("visit.visit.saveAndCheckout")} <span style={{ opacity: 0.7 }}>Ctrl+Enter</span>
        </Button>
        <Button onClick={() => void save(false).then((ok) => ok && void message.success(t("visit.visit.saved")))} data-testid="reconsult-save">
          {t("visit.visit.save")}
        </Button>
        {visit.customer && (
          <Button onClick={() => setBooking(true)} data-testid="reconsult-book">
            {t("visit.visit.nextAppointment")}
          </Button>
        )}
        {booked !== null && (
          <Typography.Text type="success" data-testid="reconsult-booked">
            {t("visit.visit.nextBooked", { time: wall(booked).format(i18n.language === "en" ? "D MMM HH:mm" : "M月D日 HH:mm") })}
          </Typography.Text>
        )}
      </Space>
      {booking && visit.customer && (
        <NextAppointment
          visitId={visit.id}
          customerId={visit.customer.id}
          stylistId={visit.stylist?.id ?? null}
          services={visit.bill.lines.filter((l) => l.kind === "service").map((l) => l.item_id)}
          intervalDays={visit.care_interval_days ?? 14}
          stylists={stylists}
          onClose={() => setBooking(false)}
          onBooked={(at) => {
            setBooked(at);
            setBooking(false);
          }}
          onError={onError}
        />
      )}
    </Card>
  );
}

function NextAppointment({
  visitId,
  customerId,
  stylistId,
  services,
  intervalDays,
  stylists,
  onClose,
  onBooked,
  onError,
}: {
  visitId: number;
  customerId: number;
  stylistId: number | null;
  services: number[];
  intervalDays: number;
  stylists: { id: number; staff_no: string; name: string }[];
  onClose: () => void;
  onBooked: (at: number) => void;
  onError: (e: unknown) => void;
}) {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  const suggested = wallNow().add(intervalDays, "day").hour(10).minute(0).second(0).millisecond(0);
  const [date, setDate] = useState<Dayjs>(suggested);
  const [time, setTime] = useState<Dayjs>(suggested);
  const [stylist, setStylist] = useState<number | null>(stylistId);
  const book = async (allowConflict: boolean) => {
    const at = instant(date.hour(time.hour()).minute(time.minute()).second(0).millisecond(0));
    try {
      await call("save_appointment", {
        id: 0,
        customer_id: customerId,
        stylist_id: stylist,
        start_at: at,
        duration_minutes: services.length ? null : 60,
        services,
        note: "",
        allow_conflict: allowConflict,
        from_visit_id: visitId,
      });
      onBooked(at);
    } catch (e) {
      if (errorOf(e).code === "conflict" && !allowConflict) {
        modal.confirm({ title: errorText(t, e), onOk: () => void book(true) });
        return;
      }
      onError(e);
    }
  };
  return (
    <Modal open title={t("visit.visit.nextAppointment")} onCancel={onClose} onOk={() => void book(false)} okButtonProps={{ "data-testid": "next-appt-ok" }}>
      <Typography.Paragraph type="secondary">
        {t("visit.visit.nextAppointmentSuggested", { date: suggested.format("YYYY-MM-DD") })}
      </Typography.Paragraph>
      <Space wrap>
        <DatePicker value={date} onChange={(d) => d && setDate(d)} allowClear={false} />
        <TimePicker value={time} onChange={(d) => d && setTime(d)} format="HH:mm" minuteStep={15} allowClear={false} />
        <Select
          style={{ minWidth: 160 }}
          value={stylist ?? undefined}
          onChange={(v) => setStylist(v ?? null)}
          allowClear
          options={stylists.map((s) => ({ value: s.id, label: `${s.staff_no} ${s.name}` }))}
        />
      </Space>
    </Modal>
  );
}
