import { CalendarOutlined, PhoneOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, DatePicker, Descriptions, Empty, Form, Input, Radio, Select, Space, Tag, Timeline, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Appointment } from "../bindings/Appointment";
import type { CallOutcome } from "../bindings/CallOutcome";
import type { FollowUp } from "../bindings/FollowUp";
import type { Service } from "../bindings/Service";
import type { StaffRef } from "../bindings/StaffRef";
import { type Dayjs, formatDateTime, instant, shopDateOf, wall } from "../time";
import { AppointmentModal } from "../appointments/AppointmentModal";
import { HOUR_MS, shortDate, timeRange } from "../common/dates";
import { OUTCOMES, REASON_COLOR, SATISFACTION, noticeOf } from "./followups";
import { isSubmitKey } from "../common/keys";
import { scriptLines } from "./script";
import { showError } from "../api/errors";

type Values = { outcome: CallOutcome; words?: string; satisfaction?: number | null; call_back_at?: Dayjs | null };

const FIELDS: Record<string, string> = {
  outcome: "outcome",
  words: "words",
  satisfaction: "satisfaction",
  call_back_at: "call_back_at",
};

/** An instant rounded up to the next whole `minutes` (for a suggested call-back time). */
function roundUp(ms: number, minutes: number): Dayjs {
  const step = minutes * 60_000;
  return wall(Math.ceil(ms / step) * step);
}

/**
 * One call: the script filled in for her, her phone, the calls so far, and
 * the outcome as the desk records it (接通 / 无人接听 / 稍后回电 / 号码错误).
 */
export function FollowUpPanel({
  task,
  shop,
  me,
  now,
  stylists,
  services,
  onOpenCustomer,
  onSaved,
}: {
  task: FollowUp;
  shop: string;
  me: string;
  now: number;
  stylists: StaffRef[];
  services: Service[];
  onOpenCustomer: (id: number) => void;
  onSaved: (after: FollowUp) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const [booking, setBooking] = useState(false);
  const [rebooked, setRebooked] = useState<Appointment | null>(null);
  const outcome = Form.useWatch("outcome", form) ?? "reached";
  const lang = i18n.language;
  const sep = t("common.listSeparator");
  const script = scriptLines(task, { shop: shop || t("callScript.ourShop"), me, language: lang, separator: sep });

  const save = async (v: Values) => {
    setBusy(true);
    setAlert(null);
    try {
      const reached = v.outcome === "reached";
      const after = await call("record_followup_call", {
        id: task.id,
        outcome: v.outcome,
        words: (v.words ?? "").trim(),
        satisfaction: reached ? (v.satisfaction ?? null) : null,
        call_back_at: v.outcome === "call_back" && v.call_back_at ? instant(v.call_back_at.second(0).millisecond(0)) : null,
        rebooked_appointment_id: reached ? (rebooked?.id ?? null) : null,
      });
      const notice = noticeOf(v.outcome, after);
      switch (notice.kind) {
        case "done":
          message.success(t("followups.notice.done", { name: task.customer_name }));
          break;
        case "unreachable":
          modal.warning({
            title: t("followups.notice.unreachableTitle"),
            content: t("followups.notice.unreachable", { name: task.customer_name, n: notice.attempts }),
            okText: t("common.ok"),
          });
          break;
        case "wrong_number":
          message.warning(t("followups.notice.wrongNumber", { name: task.customer_name }), 6);
          break;
        case "call_back":
          message.info(
            t("followups.notice.callBack", {
              time: notice.at === null ? "" : formatDateTime(notice.at, lang),
            }),
          );
          break;
        case "retry":
          message.info(t("followups.notice.retry", { n: notice.attempts, max: notice.max }));
          break;
      }
      onSaved(after);
    } catch (e) {
      setAlert(showError(t, form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid={`followup-panel-${task.id}`}>
      <Card size="small">
        <Space style={{ justifyContent: "space-between", width: "100%" }} wrap>
          <Space size="middle" wrap>
            <Typography.Link strong style={{ fontSize: 18 }} onClick={() => onOpenCustomer(task.customer_id)}>
              {task.customer_name}
            </Typography.Link>
            <Tag color={REASON_COLOR[task.reason]}>{t(`followups.reason.${task.reason}`)}</Tag>
            {task.overdue && <Tag color="red">{t("followups.overdue")}</Tag>}
          </Space>
          <Typography.Text
            strong
            style={{ fontSize: 18 }}
            copyable={task.phone ? { text: task.phone } : false}
            data-testid="followup-phone"
          >
            <PhoneOutlined /> {task.phone || t("followups.noPhone")}
          </Typography.Text>
        </Space>
        <Descriptions
          size="small"
          column={3}
          style={{ marginTop: 12 }}
          items={[
            { key: "due", label: t("followups.due"), children: shortDate(task.due_date, lang) },
            {
              key: "attempts",
              label: t("followups.attemptsLabel"),
              children: t("followups.attempts", { n: task.attempts, max: task.max_attempts }),
            },
            {
              key: "assigned",
              label: t("followups.assignedTo"),
              children: task.assigned_to ? `${task.assigned_to.staff_no} ${task.assigned_to.name}` : t("common.none"),
            },
            {
              key: "visit",
              label: t("followups.lastVisit"),
              span: 3,
              children: task.last_visit_date
                ? [shortDate(task.last_visit_date, lang), task.last_services.join(sep), task.last_stylist]
                    .filter((x) => x)
                    .join(" · ")
                : t("followups.noVisit"),
            },
          ]}
        />
      </Card>

      <Card size="small" title={t("followups.script")} data-testid="followup-script">
        <div style={{ background: "#fff9fb", borderRadius: 8, padding: "12px 16px", lineHeight: 1.9, fontSize: 15 }}>
          {script.map((line) => (
            <p key={line.key} style={{ margin: "0 0 6px" }}>
              {t(line.key, line.values)}
            </p>
          ))}
        </div>
        <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0", fontSize: 13 }}>
          {t("callScript.ifUnhappy")}
        </Typography.Paragraph>
      </Card>

      <Card size="small" title={t("followups.record")}>
        {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={{ outcome: "reached", words: "", satisfaction: null, call_back_at: roundUp(now + 2 * HOUR_MS, 15) }}
          onFinish={(v) => void save(v)}
          name={`followup-${task.id}`}
          onKeyDown={(e) => {
            if (isSubmitKey(e) && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              form.submit();
            }
          }}
        >
          <Space size="large" wrap align="start">
            <Form.Item name="outcome" label={t("followups.outcomeLabel")}>
              <Radio.Group optionType="button" buttonStyle="solid">
                {OUTCOMES.map((o) => (
                  <Radio.Button key={o} value={o}>
                    <span data-testid={`followup-outcome-${o}`}>{t(`followups.outcome.${o}`)}</span>
                  </Radio.Button>
                ))}
              </Radio.Group>
            </Form.Item>
            {outcome === "reached" && (
              <Form.Item name="satisfaction" label={t("followups.satisfaction")}>
                <Select
                  allowClear
                  style={{ width: 220 }}
                  placeholder={t("followups.satisfactionPlaceholder")}
                  options={SATISFACTION.map((s) => ({ value: s, label: t(`satisfaction.${s}`) }))}
                  data-testid="followup-satisfaction"
                />
              </Form.Item>
            )}
            {outcome === "call_back" && (
              <Form.Item
                name="call_back_at"
                label={t("followups.callBackAt")}
                rules={[{ required: true, message: t("followups.callBackRequired") }]}
              >
                <DatePicker
                  showTime={{ format: "HH:mm", minuteStep: 5 }}
                  format="YYYY-MM-DD HH:mm"
                  disabledDate={(d) => d.isBefore(wall(now).startOf("day")) || d.isAfter(wall(now).add(30, "day"))}
                  data-testid="followup-callback-at"
                />
              </Form.Item>
            )}
          </Space>
          <Form.Item
            name="words"
            label={t("followups.words")}
            extra={t("followups.wordsHelp")}
            rules={
              outcome === "reached"
                ? [{ required: true, whitespace: true, message: t("followups.wordsRequired") }]
                : []
            }
          >
            <Input.TextArea
              rows={3}
              maxLength={1000}
              showCount
              placeholder={t("followups.wordsPlaceholder")}
              data-testid="followup-words"
            />
          </Form.Item>
          {outcome === "reached" && (
            <Form.Item label={t("followups.rebook")}>
              {rebooked ? (
                <Space>
                  <Tag color="green" icon={<CalendarOutlined />} data-testid="followup-rebooked">
                    {shortDate(shopDateOf(rebooked.start_at), lang)}{" "}
                    {timeRange(rebooked.start_at, rebooked.duration_minutes)}
                  </Tag>
                  <Button size="small" type="link" onClick={() => setRebooked(null)}>
                    {t("followups.rebookForget")}
                  </Button>
                </Space>
              ) : (
                <Button icon={<CalendarOutlined />} onClick={() => setBooking(true)} data-testid="followup-rebook">
                  {t("followups.rebookButton")}
                </Button>
              )}
            </Form.Item>
          )}
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="followup-save">
              {t("followups.save")}
            </Button>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("followups.saveHint")}
            </Typography.Text>
          </Space>
        </Form>
      </Card>
      {task.calls.length > 0 && (
        <Card size="small" title={t("followups.pastCalls", { n: task.calls.length })}>
          <Timeline
            items={task.calls.map((c, i) => ({
              key: i,
              color: c.outcome === "reached" ? "green" : c.outcome === "wrong_number" ? "red" : "gray",
              content: (
                <Space orientation="vertical" size={0}>
                  <Space size={8} wrap>
                    <Typography.Text>{formatDateTime(c.at, lang)}</Typography.Text>
                    <Typography.Text type="secondary">{c.staff}</Typography.Text>
                    <Tag>{t(`followups.outcome.${c.outcome}`)}</Tag>
                  </Space>
                  {c.words && <Typography.Text>“{c.words}”</Typography.Text>}
                </Space>
              ),
            }))}
          />
        </Card>
      )}

      {booking && (
        <AppointmentModal
          appointment={null}
          preset={{ date: wall(now).add(7, "day"), stylistId: null, customer: { id: task.customer_id, name: task.customer_name } }}
          lockCustomer
          stylists={stylists}
          services={services}
          known={[]}
          now={now}
          onClose={() => setBooking(false)}
          onSaved={(a) => {
            setBooking(false);
            setRebooked(a);
          }}
        />
      )}
    </Space>
  );
}

/** Shown when no task is chosen or the queue is empty. */
export function NoTask({ empty }: { empty: boolean }) {
  const { t } = useTranslation();
  return (
    <Card>
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={empty ? t("followups.allDone") : t("followups.pick")}
      />
    </Card>
  );
}
