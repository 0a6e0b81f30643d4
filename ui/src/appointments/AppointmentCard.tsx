import { WarningFilled } from "@ant-design/icons";
import { Button, Space, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Appointment } from "../bindings/Appointment";
import { STATUS_COLOR, STATUS_EDGE, canMarkNoShow, edged } from "./appointments";
import { timeRange } from "../common/dates";

export type AppointmentActions = {
  onCheckIn: (a: Appointment) => void;
  onMove: (a: Appointment) => void;
  onCancel: (a: Appointment) => void;
  onNoShow: (a: Appointment) => void;
  onOpenCustomer: (id: number) => void;
  onOpenVisit: (id: number) => void;
};

/**
 * One appointment as a block: time, customer (allergies in red), services,
 * status; outlined red when it clashes with another booking of the stylist.
 */
export function AppointmentCard({
  appointment: a,
  now,
  canManage,
  showStylist,
  testId = true,
  actions,
}: {
  appointment: Appointment;
  now: number;
  canManage: boolean;
  showStylist?: boolean;
  /** False when the same appointment is also shown elsewhere with its test id. */
  testId?: boolean;
  actions: AppointmentActions;
}) {
  const { t } = useTranslation();
  const conflict = a.status === "booked" && a.conflicts.length > 0;
  const closed = a.status === "cancelled" || a.status === "no_show";
  const noShowReady = canMarkNoShow(a, now);
  return (
    <div
      data-testid={testId ? `appt-${a.id}` : undefined}
      data-status={a.status}
      data-conflict={conflict ? "true" : undefined}
      style={{
        background: "#fff",
        ...edged(conflict ? "#ff4d4f" : "#f0f0f0", conflict ? "#ff4d4f" : STATUS_EDGE[a.status], conflict ? 2 : 1),
        borderRadius: 8,
        padding: "10px 12px",
        opacity: closed ? 0.65 : 1,
        boxShadow: "0 1px 2px rgba(0,0,0,0.04)",
      }}
    >
      <Space orientation="vertical" size={4} style={{ width: "100%" }}>
        <Space style={{ justifyContent: "space-between", width: "100%" }} wrap size={4}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {timeRange(a.start_at, a.duration_minutes)}
          </Typography.Text>
          <Space size={4} wrap>
            {conflict && (
              <Tag color="red" variant="solid" data-testid={`appt-conflict-${a.id}`}>
                {t("appointments.conflict")}
              </Tag>
            )}
            <Tag color={STATUS_COLOR[a.status]}>{t(`appointments.status.${a.status}`)}</Tag>
          </Space>
        </Space>
        <Typography.Link strong onClick={() => actions.onOpenCustomer(a.customer_id)} style={{ fontSize: 15 }}>
          {a.customer_name}
        </Typography.Link>
        {a.alert && (
          <Typography.Text type="danger" strong style={{ fontSize: 13 }}>
            <WarningFilled /> {a.alert}
          </Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {a.service_names.length > 0 ? a.service_names.join(t("common.listSeparator")) : t("appointments.noServices")}
          {" · "}
          {t("common.minutes", { n: a.duration_minutes })}
          {showStylist && (a.stylist ? ` · ${a.stylist.staff_no} ${a.stylist.name}` : ` · ${t("appointments.unassigned")}`)}
        </Typography.Text>
        {a.note && (
          <Typography.Text style={{ fontSize: 13 }}>
            {t("appointments.noteLine", { text: a.note })}
          </Typography.Text>
        )}
        {closed && a.status_reason && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t("appointments.reasonLine", { text: a.status_reason })}
          </Typography.Text>
        )}
        {canManage && a.status === "booked" && (
          <Space size={6} wrap style={{ marginTop: 4 }}>
            <Button size="small" type="primary" onClick={() => actions.onCheckIn(a)} data-testid={`appt-checkin-${a.id}`}>
              {t("appointments.checkIn")}
            </Button>
            <Button size="small" onClick={() => actions.onMove(a)} data-testid={`appt-move-${a.id}`}>
              {t("appointments.move")}
            </Button>
            <Button size="small" onClick={() => actions.onCancel(a)} data-testid={`appt-cancel-${a.id}`}>
              {t("appointments.cancel")}
            </Button>
            <Tooltip title={noShowReady ? undefined : t("appointments.noShowTooEarly")}>
              <Button
                size="small"
                danger
                disabled={!noShowReady}
                onClick={() => actions.onNoShow(a)}
                data-testid={`appt-noshow-${a.id}`}
              >
                {t("appointments.noShow")}
              </Button>
            </Tooltip>
          </Space>
        )}
        {a.status === "arrived" && a.visit_id !== null && (
          <Button
            size="small"
            type="link"
            style={{ padding: 0, alignSelf: "flex-start" }}
            onClick={() => actions.onOpenVisit(a.visit_id as number)}
            data-testid={`appt-visit-${a.id}`}
          >
            {t("appointments.openVisit")}
          </Button>
        )}
      </Space>
    </div>
  );
}
