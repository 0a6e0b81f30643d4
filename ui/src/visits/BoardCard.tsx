import ArrowRightOutlined from "@ant-design/icons-svg/es/asn/ArrowRightOutlined";
import WarningOutlined from "@ant-design/icons-svg/es/asn/WarningOutlined";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { BoardVisit } from "../bindings/BoardVisit";
import type { Stage } from "../bindings/Stage";
import { LiveTimer } from "./Timer";
import { plainIcon } from "../common/plainIcon";

const ARROW = plainIcon(ArrowRightOutlined);
const WARNING = plainIcon(WarningOutlined);

/** The stage a visit moves to from each board column (再咨询 goes to checkout). */
export const NEXT: Record<string, Stage | "checkout"> = {
  greet: "consult",
  consult: "service",
  service: "reconsult",
  reconsult: "checkout",
};

/**
 * One visit on today's board. Plain elements styled by `.fd-board-card` and
 * its parts (styles.css), not antd's Card/Space/Tag/Button: a busy day's
 * board holds a couple of hundred of these, and each antd component brings
 * its own hooks and style registration to every mount and unmount (leaving
 * Today for a customer's card tore 200 of them down before her card could
 * paint). Memoised: a card re-renders only when its visit changed; its timer
 * ticks by itself.
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
    <div
      className="fd-board-card"
      role="button"
      tabIndex={0}
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
      <div className="fd-board-card-top">
        <strong className="fd-board-name">{name}</strong>
        <LiveTimer
          since={v.stage_since}
          offset={offset}
          amberAfter={v.amber_after_ms}
          redAfter={v.red_after_ms}
          testId={`board-timer-${v.id}`}
        />
      </div>
      {v.customer?.alert && (
        <div className="fd-board-alert">
          {WARNING} {v.customer.alert}
        </div>
      )}
      {(v.slip_no || v.new_customer || v.customer?.vip || v.stale) && (
        <div className="fd-board-chips">
          {v.slip_no && <span className="fd-chip">{v.slip_no}</span>}
          {v.new_customer && <span className="fd-chip fd-chip-blue">{t("visit.board.newCustomer")}</span>}
          {v.customer?.vip && <span className="fd-chip fd-chip-gold">VIP</span>}
          {v.stale && <span className="fd-chip fd-chip-red">{t("visit.board.stale")}</span>}
        </div>
      )}
      {(v.services.length > 0 || v.stylist) && (
        <div className="fd-board-services">
          {v.services.join("、")}
          {v.stylist ? ` · ${v.stylist.staff_no} ${v.stylist.name}` : ""}
        </div>
      )}
      <button
        type="button"
        className="fd-board-advance"
        onClick={(e) => {
          e.stopPropagation();
          void onAdvance(v);
        }}
        data-testid={`board-advance-${v.id}`}
      >
        {ARROW}{" "}
        {t("visit.board.advance", {
          stage: t(`visit.stages.${next === undefined ? "done" : next}`),
        })}
      </button>
    </div>
  );
});
