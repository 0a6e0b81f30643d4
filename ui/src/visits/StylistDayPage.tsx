import { WarningOutlined } from "@ant-design/icons";
import { Alert, Card, Empty, Space, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { clock } from "../time";
import { call } from "../api/client";
import type { StylistDay } from "../bindings/StylistDay";
import { Timer } from "./Timer";
import { useServerNow } from "./useServerNow";
import { useFailureToast } from "../api/errors";

/** The stylist's screen: her customers now, allergies first; history one key away. */
export function StylistDayPage({
  onOpenCustomer,
  onOpenVisit,
}: {
  onOpenCustomer: (id: number) => void;
  onOpenVisit: (id: number) => void;
}) {
  const fail = useFailureToast();
  const { t } = useTranslation();
  const [day, setDay] = useState<StylistDay | null>(null);
  const now = useServerNow(day?.now ?? null);
  const load = useCallback(
    () => call("get_stylist_day", { stylist_id: null }).then(setDay, fail),
    [fail],
  );
  useEffect(() => {
    void load();
    const id = window.setInterval(() => void load(), 30_000);
    return () => window.clearInterval(id);
  }, [load]);
  if (!day) return null;
  const time = clock;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="stylist-day">
      <Space style={{ justifyContent: "space-between", width: "100%" }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("visit.stylistDay.title")} · {day.stylist?.staff_no} {day.stylist?.name}
        </Typography.Title>
        <Tag color="green">{t("visit.stylistDay.doneToday", { count: day.done_today })}</Tag>
      </Space>
      {day.customers.length === 0 && <Empty description={t("visit.stylistDay.empty")} />}
      {day.customers.map((c) => (
        <Card
          key={c.visit.id}
          hoverable
          tabIndex={0}
          onClick={() => onOpenVisit(c.visit.id)}
          onKeyDown={(e) => {
            if (e.key === "Enter") onOpenVisit(c.visit.id);
            if ((e.key === "h" || e.key === "H") && c.customer_id !== null) onOpenCustomer(c.customer_id);
          }}
          data-testid={`stylist-customer-${c.visit.id}`}
          title={
            <Space>
              <span style={{ fontSize: 17 }}>{c.visit.customer?.name ?? c.visit.walk_in_label}</span>
              <Tag>{t(`visit.stages.${c.visit.stage}`)}</Tag>
              <Timer since={c.visit.stage_since} now={now} amberAfter={c.visit.amber_after_ms} redAfter={c.visit.red_after_ms} />
            </Space>
          }
          extra={
            c.customer_id !== null && (
              <a
                onClick={(e) => {
                  e.stopPropagation();
                  onOpenCustomer(c.customer_id ?? 0);
                }}
              >
                {t("visit.stylistDay.history")}
              </a>
            )
          }
        >
          <Space orientation="vertical" size={4} style={{ width: "100%" }}>
            {c.alert && (
              <Alert type="error" showIcon icon={<WarningOutlined />} title={c.alert} data-testid="stylist-alert" />
            )}
            <Typography.Text>{c.visit.services.join("、")}</Typography.Text>
            {c.needs && (
              <Typography.Text>
                {t("visit.stylistDay.needs")}：{c.needs}
              </Typography.Text>
            )}
            {c.skin_type && <Typography.Text type="secondary">{t("visit.stylistDay.skin", { skin: c.skin_type })}</Typography.Text>}
            {c.last_visit_date && (
              <Typography.Text type="secondary">
                {t("visit.stylistDay.last", { date: c.last_visit_date, services: c.last_services.join("、") })}
              </Typography.Text>
            )}
            {c.last_notes && (
              <Typography.Text type="secondary">{t("visit.stylistDay.lastNotes", { notes: c.last_notes })}</Typography.Text>
            )}
          </Space>
        </Card>
      ))}
      {day.appointments.length > 0 && (
        <Card title={t("visit.stylistDay.upcoming")} size="small">
          {day.appointments.map((a) => (
            <div key={a.id}>
              {time(a.start_at)} {a.customer_name} · {a.service_names.join("、")}
              {a.alert && <Typography.Text type="danger"> · {a.alert}</Typography.Text>}
            </div>
          ))}
        </Card>
      )}
    </Space>
  );
}
