import { WarningFilled } from "@ant-design/icons";
import { Alert, App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, TimePicker, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Appointment } from "../bindings/Appointment";
import type { Service } from "../bindings/Service";
import type { StaffRef } from "../bindings/StaffRef";
import { menuMinutes } from "./appointments";
import { CustomerPicker } from "../customers/CustomerPicker";
import { type Dayjs, wall } from "../time";
import { atTime, defaultStart, timeRange } from "../common/dates";
import { isSubmitKey } from "../common/keys";
import { useFirstFocus } from "../common/useFirstFocus";
import { errorOf, showError } from "../api/errors";

type Values = {
  customer_id: number | null;
  stylist_id?: number | null;
  date: Dayjs;
  time: Dayjs;
  services: number[];
  duration_minutes?: number | null;
  note?: string;
};

/** The request's field → the form's field, for errors shown in place. */
const FIELDS: Record<string, string> = {
  customer_id: "customer_id",
  stylist_id: "stylist_id",
  start_at: "time",
  services: "services",
  duration_minutes: "duration_minutes",
  note: "note",
};

export type AppointmentPreset = {
  date: Dayjs;
  stylistId: number | null;
  customer?: { id: number; name: string; alert?: string | null } | null;
};

/**
 * Book (新建预约) or move (改约) an appointment. A clash with the stylist's
 * other bookings asks before booking anyway.
 */
export function AppointmentModal({
  appointment,
  preset,
  lockCustomer,
  stylists,
  services,
  known,
  now,
  onClose,
  onSaved,
}: {
  appointment: Appointment | null;
  preset: AppointmentPreset;
  lockCustomer?: boolean;
  stylists: StaffRef[];
  services: Service[];
  /** Appointments already loaded, to name the ones a clash is with. */
  known: Appointment[];
  now: number;
  onClose: () => void;
  onSaved: (a: Appointment) => void;
}) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [customerAlert, setCustomerAlert] = useState<string | null>(
    appointment?.alert ?? preset.customer?.alert ?? null,
  );
  const chosen = Form.useWatch("services", form);
  const focus = useFirstFocus();

  const initial = useMemo<Values>(() => {
    if (appointment) {
      const start = wall(appointment.start_at);
      return {
        customer_id: appointment.customer_id,
        stylist_id: appointment.stylist?.id ?? null,
        date: start,
        time: start,
        services: appointment.services,
        duration_minutes: appointment.duration_minutes,
        note: appointment.note,
      };
    }
    const start = defaultStart(preset.date, now);
    return {
      customer_id: preset.customer?.id ?? null,
      stylist_id: preset.stylistId,
      date: start,
      time: start,
      services: [],
      duration_minutes: null,
      note: "",
    };
  }, [appointment, preset, now]);

  // Active services, grouped by category; a moved appointment keeps its own
  // services even if one has since been taken off the menu.
  const serviceOptions = useMemo(() => {
    const mine = new Set(appointment?.services ?? []);
    const groups = new Map<string, { label: string; value: number }[]>();
    for (const s of services) {
      if (!s.active && !mine.has(s.id)) continue;
      const group = s.category || t("appointments.otherCategory");
      const list = groups.get(group) ?? [];
      list.push({ value: s.id, label: `${s.name} · ${t("common.minutes", { n: s.duration_minutes })}` });
      groups.set(group, list);
    }
    return [...groups].map(([label, options]) => ({ label, options }));
  }, [services, appointment, t]);

  const durations = useMemo(() => new Map(services.map((s) => [s.id, s.duration_minutes])), [services]);
  const menu = menuMinutes(chosen ?? [], durations);

  const save = async (v: Values, allowConflict: boolean): Promise<void> => {
    if (v.customer_id === null || v.customer_id === undefined) {
      form.setFields([{ name: "customer_id", errors: [t("appointments.customerRequired")] }]);
      return;
    }
    setBusy(true);
    setAlert(null);
    try {
      const saved = await call("save_appointment", {
        id: appointment?.id ?? 0,
        customer_id: v.customer_id,
        stylist_id: v.stylist_id ?? null,
        start_at: atTime(v.date, v.time),
        duration_minutes: v.duration_minutes ?? null,
        services: v.services ?? [],
        note: (v.note ?? "").trim(),
        allow_conflict: allowConflict,
        from_visit_id: null,
      });
      message.success(appointment ? t("appointments.moved") : t("appointments.booked"));
      onSaved(saved);
    } catch (e) {
      const err = errorOf(e);
      if (err.code === "conflict" && !allowConflict) {
        const clashes = known.filter((a) => err.existing.includes(a.id));
        modal.confirm({
          title: t("appointments.conflictTitle"),
          content:
            clashes.length > 0 ? (
              <div>
                {clashes.map((a) => (
                  <div key={a.id}>
                    {timeRange(a.start_at, a.duration_minutes)} {a.customer_name} {a.service_names.join(t("common.listSeparator"))}
                  </div>
                ))}
              </div>
            ) : null,
          okText: t("appointments.bookAnyway"),
          cancelText: t("appointments.pickAnother"),
          okButtonProps: { "data-testid": "appt-conflict-ok" },
          onOk: () => save(v, true),
        });
      } else {
        setAlert(showError(t, form, e, FIELDS));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={640}
      title={appointment ? t("appointments.moveTitle") : t("appointments.newTitle")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "appt-save" }}
      afterOpenChange={focus.afterOpenChange}
      destroyOnHidden
    >
      <div
        id={focus.id}
        onKeyDown={(e) => {
          if (isSubmitKey(e)) {
            e.preventDefault();
            form.submit();
          }
        }}
      >
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={initial}
          onFinish={(v) => void save(v, false)}
          requiredMark={false}
          name="appointment"
        >
          <Form.Item name="customer_id" label={t("appointments.customer")} style={{ marginBottom: customerAlert ? 4 : undefined }}>
            <CustomerPicker
              disabled={!!appointment || lockCustomer}
              initial={
                appointment
                  ? { id: appointment.customer_id, name: appointment.customer_name }
                  : preset.customer ?? null
              }
              onPick={(hit) => setCustomerAlert(hit?.alert ?? null)}
              testId="appt-customer"
            />
          </Form.Item>
          {customerAlert && (
            <Typography.Paragraph type="danger" strong style={{ marginBottom: 16 }} data-testid="appt-customer-alert">
              <WarningFilled /> {t("common.alertLine", { text: customerAlert })}
            </Typography.Paragraph>
          )}
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="date" label={t("appointments.date")} rules={[{ required: true, message: t("appointments.dateRequired") }]}>
                <DatePicker
                  style={{ width: "100%" }}
                  allowClear={false}
                  disabledDate={(d) => d.isBefore(wall(now).startOf("day"))}
                  data-testid="appt-date"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="time" label={t("appointments.time")} rules={[{ required: true, message: t("appointments.timeRequired") }]}>
                <TimePicker
                  style={{ width: "100%" }}
                  format="HH:mm"
                  minuteStep={5}
                  allowClear={false}
                  needConfirm={false}
                  data-testid="appt-time"
                />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="stylist_id" label={t("appointments.stylist")}>
                <Select
                  allowClear
                  placeholder={t("appointments.anyStylist")}
                  options={stylists.map((s) => ({ value: s.id, label: `${s.staff_no} ${s.name}` }))}
                  data-testid="appt-stylist"
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="services" label={t("appointments.services")}>
            <Select
              mode="multiple"
              options={serviceOptions}
              showSearch={{ optionFilterProp: "label" }}
              placeholder={t("appointments.servicesPlaceholder")}
              maxCount={10}
              data-testid="appt-services"
            />
          </Form.Item>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item
                name="duration_minutes"
                label={t("appointments.duration")}
                extra={menu > 0 ? t("appointments.durationFromMenu", { n: menu }) : t("appointments.durationHelp")}
              >
                <InputNumber
                  min={5}
                  max={600}
                  step={15}
                  precision={0}
                  style={{ width: "100%" }}
                  suffix={t("common.minuteUnit")}
                  placeholder={menu > 0 ? String(menu) : ""}
                  data-testid="appt-duration"
                />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="note" label={t("appointments.note")}>
                <Input maxLength={200} placeholder={t("appointments.notePlaceholder")} data-testid="appt-note" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("common.submitHint")}
          </Typography.Text>
        </Form>
      </div>
    </Modal>
  );
}
