import { Badge, Empty, Grid, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { AppointmentCard, type AppointmentActions } from "./AppointmentCard";
import type { StylistLane } from "./appointments";

/**
 * One day: a column per stylist, her appointments in time order (stacked as
 * a list grouped by stylist on a narrow window).
 */
export function DayView({
  lanes,
  now,
  canManage,
  actions,
}: {
  lanes: StylistLane[];
  now: number;
  canManage: boolean;
  actions: AppointmentActions;
}) {
  const { t } = useTranslation();
  const wide = Grid.useBreakpoint().md ?? true;
  if (lanes.length === 0) {
    return <Empty description={t("appointments.noStylists")} />;
  }
  return (
    <div
      data-testid="appt-day"
      style={{
        display: "flex",
        flexDirection: wide ? "row" : "column",
        gap: 12,
        overflowX: wide ? "auto" : undefined,
        alignItems: "stretch",
        paddingBottom: 8,
      }}
    >
      {lanes.map((lane) => {
        const live = lane.items.filter((a) => a.status === "booked" || a.status === "arrived").length;
        return (
          <div
            key={lane.key}
            data-testid={`appt-lane-${lane.key}`}
            style={{
              flex: wide ? "1 0 250px" : undefined,
              maxWidth: wide ? 360 : undefined,
              background: "#fafafa",
              border: "1px solid #f0f0f0",
              borderRadius: 10,
              padding: 12,
              minHeight: wide ? 220 : undefined,
            }}
          >
            <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", marginBottom: 10 }}>
              <Typography.Text strong style={{ fontSize: 15 }}>
                {lane.stylist ? `${lane.stylist.staff_no} ${lane.stylist.name}` : t("appointments.unassigned")}
              </Typography.Text>
              <Badge count={live} showZero color={live > 0 ? "#a3345f" : "#bfbfbf"} />
            </div>
            <div style={{ display: "flex", flexDirection: "column", gap: 8 }}>
              {lane.items.length === 0 ? (
                <Typography.Text type="secondary">{t("appointments.free")}</Typography.Text>
              ) : (
                lane.items.map((a) => (
                  <AppointmentCard key={a.id} appointment={a} now={now} canManage={canManage} actions={actions} />
                ))
              )}
            </div>
          </div>
        );
      })}
    </div>
  );
}
