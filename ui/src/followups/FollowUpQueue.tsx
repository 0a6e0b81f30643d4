import { Badge, Empty, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { FollowUp } from "../bindings/FollowUp";
import { shortDate } from "../common/dates";
import { edged } from "../appointments/appointments";
import { REASON_COLOR } from "./followups";

/** The calls due and overdue, one row each; ↑/↓ move, Enter opens. */
export function FollowUpQueue({
  tasks,
  selected,
  showAssignee,
  onSelect,
}: {
  tasks: FollowUp[];
  selected: number | null;
  showAssignee: boolean;
  onSelect: (id: number) => void;
}) {
  const { t, i18n } = useTranslation();
  if (tasks.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("followups.empty")} />;
  }
  const move = (from: number, by: number) => {
    const next = tasks[Math.min(Math.max(from + by, 0), tasks.length - 1)];
    if (next) {
      onSelect(next.id);
      document.querySelector<HTMLElement>(`[data-testid="followup-row-${next.id}"]`)?.focus();
    }
  };
  return (
    <div role="listbox" aria-label={t("followups.queue")} style={{ display: "flex", flexDirection: "column", gap: 8 }}>
      {tasks.map((f, i) => {
        const active = f.id === selected;
        return (
          <div
            key={f.id}
            role="option"
            aria-selected={active}
            tabIndex={0}
            data-testid={`followup-row-${f.id}`}
            data-overdue={f.overdue ? "true" : undefined}
            onClick={() => onSelect(f.id)}
            onKeyDown={(e) => {
              if (e.key === "Enter" || e.key === " ") {
                e.preventDefault();
                onSelect(f.id);
              } else if (e.key === "ArrowDown") {
                e.preventDefault();
                move(i, 1);
              } else if (e.key === "ArrowUp") {
                e.preventDefault();
                move(i, -1);
              }
            }}
            style={{
              cursor: "pointer",
              padding: "10px 12px",
              borderRadius: 8,
              background: active ? "#fff0f6" : "#fff",
              ...edged(active ? "#a3345f" : "#f0f0f0", f.overdue ? "#ff4d4f" : active ? "#a3345f" : "#f0f0f0"),
            }}
          >
            <Space style={{ justifyContent: "space-between", width: "100%" }} size={4}>
              <Typography.Text strong style={{ fontSize: 15 }}>
                {f.customer_name}
                {f.address_as && f.address_as !== f.customer_name && (
                  <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                    {" "}
                    ({f.address_as})
                  </Typography.Text>
                )}
              </Typography.Text>
              <Tag color={REASON_COLOR[f.reason]} style={{ marginInlineEnd: 0 }}>
                {t(`followups.reason.${f.reason}`)}
              </Tag>
            </Space>
            <Space size={12} wrap style={{ marginTop: 4, fontSize: 13 }}>
              <Typography.Text type={f.overdue ? "danger" : "secondary"} strong={f.overdue}>
                {t("followups.dueOn", { date: shortDate(f.due_date, i18n.language) })}
                {f.overdue && ` · ${t("followups.overdue")}`}
              </Typography.Text>
              <Badge
                status={f.attempts > 0 ? "warning" : "default"}
                text={
                  <Typography.Text type="secondary">
                    {t("followups.attempts", { n: f.attempts, max: f.max_attempts })}
                  </Typography.Text>
                }
              />
              {showAssignee && f.assigned_to && (
                <Typography.Text type="secondary">
                  {f.assigned_to.staff_no} {f.assigned_to.name}
                </Typography.Text>
              )}
            </Space>
          </div>
        );
      })}
    </div>
  );
}
