import { Popover, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Appointment } from "../bindings/Appointment";
import { AppointmentCard, type AppointmentActions } from "./AppointmentCard";
import { STATUS_EDGE, type StylistLane, byDate, edged } from "./appointments";
import { clock, localDateOf, shortDate, weekday } from "../common/dates";

/**
 * A week: a row per stylist, a column per day; each appointment a short
 * chip ("10:00 李美华") that opens the whole block with its actions.
 */
export function WeekView({
  lanes,
  dates,
  now,
  canManage,
  actions,
  onOpenDay,
}: {
  lanes: StylistLane[];
  dates: string[];
  now: number;
  canManage: boolean;
  actions: AppointmentActions;
  onOpenDay: (date: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [openId, setOpenId] = useState<number | null>(null);
  // An action taken from a chip's popover closes the popover first.
  const closing =
    <T,>(fn: (x: T) => void) =>
    (x: T) => {
      setOpenId(null);
      fn(x);
    };
  const popoverActions: AppointmentActions = {
    onCheckIn: closing(actions.onCheckIn),
    onMove: closing(actions.onMove),
    onCancel: closing(actions.onCancel),
    onNoShow: closing(actions.onNoShow),
    onOpenCustomer: closing(actions.onOpenCustomer),
    onOpenVisit: closing(actions.onOpenVisit),
  };
  const today = localDateOf(now);
  type Row = { key: string; name: string; days: Record<string, Appointment[]> };
  const rows: Row[] = lanes.map((lane) => ({
    key: lane.key,
    name: lane.stylist ? `${lane.stylist.staff_no} ${lane.stylist.name}` : t("appointments.unassigned"),
    days: byDate(lane.items, dates),
  }));

  const chip = (a: Appointment) => {
    const conflict = a.status === "booked" && a.conflicts.length > 0;
    const closed = a.status === "cancelled" || a.status === "no_show";
    return (
      <Popover
        key={a.id}
        trigger="click"
        open={openId === a.id}
        onOpenChange={(open) => setOpenId(open ? a.id : null)}
        placement="right"
        destroyOnHidden
        content={
          <div style={{ width: 300 }}>
            <AppointmentCard appointment={a} now={now} canManage={canManage} showStylist testId={false} actions={popoverActions} />
          </div>
        }
      >
        <div
          role="button"
          tabIndex={0}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === " ") {
              e.preventDefault();
              setOpenId(a.id);
            }
          }}
          data-testid={`appt-${a.id}`}
          data-status={a.status}
          data-conflict={conflict ? "true" : undefined}
          title={`${a.customer_name} ${a.service_names.join(t("common.listSeparator"))}`}
          style={{
            cursor: "pointer",
            padding: "3px 6px",
            marginBottom: 4,
            borderRadius: 6,
            background: conflict ? "#fff1f0" : "#fff",
            ...edged(conflict ? "#ff4d4f" : "#f0f0f0", conflict ? "#ff4d4f" : STATUS_EDGE[a.status], conflict ? 1.5 : 1, 3),
            fontSize: 13,
            lineHeight: "20px",
            whiteSpace: "nowrap",
            overflow: "hidden",
            textOverflow: "ellipsis",
            textDecoration: closed ? "line-through" : undefined,
            color: closed ? "#8c8c8c" : undefined,
          }}
        >
          <strong>{clock(a.start_at)}</strong> {a.customer_name}
          {a.alert && <span style={{ color: "#cf1322" }}> ⚠</span>}
        </div>
      </Popover>
    );
  };

  return (
    <Table<Row>
      data-testid="appt-week"
      rowKey="key"
      size="small"
      bordered
      pagination={false}
      dataSource={rows}
      scroll={{ x: 1000 }}
      locale={{ emptyText: t("appointments.noStylists") }}
      columns={[
        {
          title: t("appointments.stylist"),
          dataIndex: "name",
          width: 120,
          fixed: "left",
          render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
        },
        ...dates.map((d) => ({
          key: d,
          title: (
            <Typography.Link
              onClick={() => onOpenDay(d)}
              strong={d === today}
              style={{ color: d === today ? "#a3345f" : undefined }}
            >
              {weekday(d, lang)} {shortDate(d, lang)}
            </Typography.Link>
          ),
          onCell: () => ({ style: { verticalAlign: "top", background: d === today ? "#fff9fb" : undefined } }),
          render: (_: unknown, row: Row) => {
            const items = row.days[d] ?? [];
            return items.length === 0 ? null : <div>{items.map(chip)}</div>;
          },
        })),
      ]}
    />
  );
}
