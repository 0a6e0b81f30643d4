import { ArrowRightOutlined, WarningOutlined } from "@ant-design/icons";
import { Button, Card, Space, Tag, Typography } from "antd";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { BoardVisit } from "../bindings/BoardVisit";
import type { Stage } from "../bindings/Stage";
import { LiveTimer } from "./Timer";

/** The stage a visit moves to from each board column (再咨询 goes to checkout). */
export const NEXT: Record<string, Stage | "checkout"> = {
  greet: "consult",
  consult: "service",
  service: "reconsult",
  reconsult: "checkout",
};

/**
 * One visit on today's board. Memoised: a board of many open visits
 * re-renders a card only when its visit changed; its timer ticks by itself.
 */
export const BoardCard = memo(function BoardCard({
  visit: v,
  offset,
  onOpen,
  onAdvance,
}: {
  visit: BoardVisit;
  /** The core's clock minus this computer's, for the timer. */
  offset: number;
  onOpen: (id: number) => void;
  onAdvance: (v: BoardVisit) => Promise<void>;
}) {
  const { t } = useTranslation();
  const name = v.customer?.name ?? `${t("visit.visit.anonymous")} · ${v.walk_in_label}`;
  const next = NEXT[v.stage];
  return (
    <Card
      size="small"
      className="fd-board-card"
      tabIndex={0}
      hoverable
      data-testid={`board-visit-${v.id}`}
      onClick={() => onOpen(v.id)}
      onKeyDown={(e) => {
        if (e.key === "Enter") onOpen(v.id);
        if (e.key === "ArrowRight") {
          e.preventDefault();
          void onAdvance(v);
        }
      }}
    >
      <Space orientation="vertical" size={2} style={{ width: "100%" }}>
        <Space style={{ justifyContent: "space-between", width: "100%" }}>
          <Typography.Text strong className="fd-board-name">
            {name}
          </Typography.Text>
          <LiveTimer
            since={v.stage_since}
            offset={offset}
            amberAfter={v.amber_after_ms}
            redAfter={v.red_after_ms}
            testId={`board-timer-${v.id}`}
          />
        </Space>
        {v.customer?.alert && (
          <Typography.Text type="danger" strong>
            <WarningOutlined /> {v.customer.alert}
          </Typography.Text>
        )}
        <Space size={4} wrap>
          {v.slip_no && <Tag>{v.slip_no}</Tag>}
          {v.new_customer && <Tag color="blue">{t("visit.board.newCustomer")}</Tag>}
          {v.customer?.vip && <Tag color="gold">VIP</Tag>}
          {v.stale && <Tag color="red">{t("visit.board.stale")}</Tag>}
        </Space>
        {(v.services.length > 0 || v.stylist) && (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {v.services.join("、")}
            {v.stylist ? ` · ${v.stylist.staff_no} ${v.stylist.name}` : ""}
          </Typography.Text>
        )}
        <Button
          size="small"
          type="link"
          style={{ padding: 0 }}
          icon={<ArrowRightOutlined />}
          onClick={(e) => {
            e.stopPropagation();
            void onAdvance(v);
          }}
          data-testid={`board-advance-${v.id}`}
        >
          {t("visit.board.advance", {
            stage: t(`visit.stages.${next === undefined ? "done" : next}`),
          })}
        </Button>
      </Space>
    </Card>
  );
});
