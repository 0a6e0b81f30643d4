import { PhoneOutlined, UserAddOutlined } from "@ant-design/icons";
import { App, Badge, Button, Card, Col, Empty, Input, Modal, Row, Space, Tag, Typography } from "antd";
import { memo, useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { clock } from "../time";
import { call } from "../api/client";
import type { Board } from "../bindings/Board";
import type { BoardVisit } from "../bindings/BoardVisit";
import type { Session } from "../bindings/Session";
import type { Stage } from "../bindings/Stage";
import { CreateCustomerModal } from "../customers/CreateCustomerModal";
import { BoardCard, NEXT } from "./BoardCard";
import { StylistDayPage } from "./StylistDayPage";
import { errorText, useFailureToast } from "../api/errors";
import { can } from "../session/can";
import { LastHandoverCard } from "../gifts/LastHandoverCard";

const COLUMNS: Stage[] = ["greet", "consult", "service", "reconsult"];

/**
 * The home screen: today's board for the desk, "my customers" for a stylist.
 * Memoised, with stable props from the shell: a re-render of the shell
 * (a print job, the language) does not re-render the board.
 */
export const TodayPage = memo(function TodayPage(props: {
  session: Session;
  focusSearch: () => void;
  onOpenCustomer: (id: number) => void;
  onOpenVisit: (id: number) => void;
  onNavigate: (page: "followups" | "complaints" | "appointments") => void;
}) {
  if (!can(props.session, "run_visits")) {
    return (
      <div data-testid="today-page">
        <StylistDayPage onOpenCustomer={props.onOpenCustomer} onOpenVisit={props.onOpenVisit} />
      </div>
    );
  }
  return <DeskBoard {...props} />;
});

function DeskBoard({
  session,
  focusSearch,
  onOpenCustomer,
  onOpenVisit,
  onNavigate,
}: {
  session: Session;
  focusSearch: () => void;
  onOpenCustomer: (id: number) => void;
  onOpenVisit: (id: number) => void;
  onNavigate: (page: "followups" | "complaints" | "appointments") => void;
}) {
  const { message } = App.useApp();
  const fail = useFailureToast();
  const { t } = useTranslation();
  const [board, setBoard] = useState<Board | null>(null);
  const [creating, setCreating] = useState(false);
  const [walkIn, setWalkIn] = useState<string | null>(null);
  // The core's clock minus this computer's, read with the board: its
  // timers tick by themselves from it (only they re-render each second).
  const [offset, setOffset] = useState(0);

  const load = useCallback(
    () =>
      call("get_today_board").then((b) => {
        setOffset(b.now - Date.now());
        setBoard(b);
      }, fail),
    [fail],
  );
  useEffect(() => {
    void load();
    const id = window.setInterval(() => void load(), 30_000);
    return () => window.clearInterval(id);
  }, [load]);

  // The search box has focus whenever Today is shown: a customer at the desk
  // is found by typing, with no click first.
  useEffect(() => {
    const timer = window.setTimeout(focusSearch, 0);
    return () => window.clearTimeout(timer);
  }, [focusSearch]);

  const advance = useCallback(
    async (v: BoardVisit) => {
      const next = NEXT[v.stage];
      if (next === "checkout" || next === undefined) {
        onOpenVisit(v.id);
        return;
      }
      try {
        await call("advance_visit", { visit_id: v.id, to: next });
        await load();
      } catch (e) {
        // Service needs a stylist and a service: open the visit to choose them.
        void message.warning(errorText(t, e));
        onOpenVisit(v.id);
      }
    },
    [load, onOpenVisit, message, t],
  );

  const checkInWalkIn = async () => {
    try {
      const v = await call("check_in", { customer_id: null, walk_in_label: walkIn ?? "", appointment_id: null });
      setWalkIn(null);
      onOpenVisit(v.id);
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };

  const checkInAppointment = async (id: number) => {
    try {
      const v = await call("check_in", { customer_id: null, walk_in_label: "", appointment_id: id });
      onOpenVisit(v.id);
    } catch (e) {
      void message.error(errorText(t, e));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="today-page">
      <Space style={{ justifyContent: "space-between", width: "100%" }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("today.greeting", { name: session.name })}
        </Typography.Title>
        <Space wrap>
          {board && (
            <>
              <Tag variant="filled" color="green">
                {t("visit.board.checkedOutToday", { count: board.checked_out_today })}
              </Tag>
              <Button size="small" icon={<PhoneOutlined />} onClick={() => onNavigate("followups")} data-testid="board-followups">
                {t("visit.board.followupsDue", { count: board.followups_due })}
                {board.followups_overdue > 0 && (
                  <Typography.Text type="danger">
                    {" · "}
                    {t("visit.board.followupsOverdue", { count: board.followups_overdue })}
                  </Typography.Text>
                )}
              </Button>
              <Button size="small" danger={board.open_complaints > 0} onClick={() => onNavigate("complaints")} data-testid="board-complaints">
                {t("visit.board.openComplaints", { count: board.open_complaints })}
              </Button>
            </>
          )}
          <Button icon={<UserAddOutlined />} onClick={() => setCreating(true)} data-testid="today-new-customer">
            {t("today.newCustomer")}
          </Button>
          <Button type="primary" onClick={() => setWalkIn("")} data-testid="board-walk-in">
            {t("visit.board.walkIn")}
          </Button>
        </Space>
      </Space>
      <LastHandoverCard session={session} />
      <Typography.Text type="secondary">
        {t("today.searchHint")} · {t("visit.board.keyHint")}
        {board && (
          <>
            {" · "}
            {t("visit.board.consultStandard", {
              min: board.consult_min_minutes,
              max: board.consult_max_minutes,
              newMax: board.consult_new_max_minutes,
            })}
          </>
        )}
      </Typography.Text>
      <Row gutter={12} wrap={false} style={{ overflowX: "auto" }}>
        {COLUMNS.map((stage) => {
          const visits = board?.visits.filter((v) => v.stage === stage) ?? [];
          return (
            <Col key={stage} flex="1 1 0" style={{ minWidth: 210 }}>
              <div className="fd-board-column" data-testid={`board-column-${stage}`}>
                <div className="fd-board-column-title">
                  {t(`visit.stages.${stage}`)} <Badge count={visits.length} showZero color="#a3345f" />
                </div>
                <div className="fd-board-stack">
                  {visits.length === 0 ? (
                    <Typography.Text type="secondary">{t("visit.board.empty")}</Typography.Text>
                  ) : (
                    visits.map((v) => <BoardCard key={v.id} visit={v} offset={offset} onOpen={onOpenVisit} onAdvance={advance} />)
                  )}
                </div>
              </div>
            </Col>
          );
        })}
        <Col flex="0 0 260px">
          <div className="fd-board-column" data-testid="board-appointments">
            <div className="fd-board-column-title">
              {t("visit.board.appointments")} <Badge count={board?.appointments.length ?? 0} showZero color="#8c8c8c" />
            </div>
            {board && board.appointments.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("visit.board.noAppointments")} />
            ) : (
              <Space orientation="vertical" size={8} style={{ width: "100%" }}>
                {board?.appointments.map((a) => (
                  <Card key={a.id} size="small" data-testid={`board-appt-${a.id}`}>
                    <Space orientation="vertical" size={2} style={{ width: "100%" }}>
                      <Space style={{ justifyContent: "space-between", width: "100%" }}>
                        <Typography.Text strong>
                          {clock(a.start_at)} {a.customer_name}
                        </Typography.Text>
                        <Button size="small" onClick={() => void checkInAppointment(a.id)} data-testid={`board-appt-checkin-${a.id}`}>
                          {t("visit.board.checkIn")}
                        </Button>
                      </Space>
                      {a.alert && <Typography.Text type="danger">{a.alert}</Typography.Text>}
                      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                        {a.service_names.join("、")}
                        {a.stylist ? ` · ${a.stylist.staff_no} ${a.stylist.name}` : ""}
                      </Typography.Text>
                      {a.conflicts.length > 0 && <Tag color="red">{t("visit.board.conflict")}</Tag>}
                    </Space>
                  </Card>
                ))}
              </Space>
            )}
            <Button type="link" onClick={() => onNavigate("appointments")} style={{ padding: 0, marginTop: 8 }}>
              {t("nav.appointments")} →
            </Button>
          </div>
        </Col>
      </Row>
      <Modal
        open={walkIn !== null}
        title={t("visit.board.walkIn")}
        onCancel={() => setWalkIn(null)}
        onOk={() => void checkInWalkIn()}
        okButtonProps={{ "data-testid": "walk-in-ok" }}
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t("visit.board.walkInLabel")}</Typography.Paragraph>
        <Input
          autoFocus
          value={walkIn ?? ""}
          onChange={(e) => setWalkIn(e.target.value)}
          onPressEnter={() => void checkInWalkIn()}
          placeholder={t("visit.board.walkInPlaceholder")}
          maxLength={30}
          data-testid="walk-in-label"
        />
      </Modal>
      <CreateCustomerModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          onOpenCustomer(c.id);
        }}
        onOpenExisting={(id) => {
          setCreating(false);
          onOpenCustomer(id);
        }}
      />
    </Space>
  );
}
