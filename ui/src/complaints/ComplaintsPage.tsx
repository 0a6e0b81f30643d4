import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Segmented, Space, Tabs, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Complaint } from "../bindings/Complaint";
import type { Session } from "../bindings/Session";
import type { StaffRef } from "../bindings/StaffRef";
import { ComplaintDrawer } from "./ComplaintDrawer";
import { ComplaintList } from "./ComplaintList";
import { ComplaintStatsView } from "./ComplaintStatsView";
import { NewComplaintModal } from "./NewComplaintModal";
import { answerClock, complaintOrder } from "./complaints";
import { useNow } from "../common/useNow";
import { errorText } from "../api/errors";
import { can } from "../session/can";
import { useStylists } from "../api/shared";

type Filter = "open" | "all";

/** Complaints (投诉): register, handle, answer in time, escalate, close; monthly statistics for managers. */
export function ComplaintsPage({
  session,
  onOpenCustomer,
  onOpenVisit,
}: {
  session: Session;
  onOpenCustomer: (id: number) => void;
  onOpenVisit: (id: number) => void;
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<"list" | "stats">("list");
  const manager = can(session, "view_reports");
  if (!can(session, "handle_complaints")) {
    return (
      <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="complaints-page">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("complaints.title")}
        </Typography.Title>
        <Alert type="info" showIcon title={t("complaints.deskOnly")} />
      </Space>
    );
  }
  const list = <Complaints manager={manager} onOpenCustomer={onOpenCustomer} onOpenVisit={onOpenVisit} />;
  return (
    <Space orientation="vertical" size="small" style={{ width: "100%" }} data-testid="complaints-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("complaints.title")}
      </Typography.Title>
      {manager ? (
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as "list" | "stats")}
          destroyOnHidden
          items={[
            { key: "list", label: <span data-testid="complaints-tab-list">{t("complaints.list")}</span>, children: list },
            {
              key: "stats",
              label: <span data-testid="complaints-tab-stats">{t("complaints.stats")}</span>,
              children: <ComplaintStatsView />,
            },
          ]}
        />
      ) : (
        list
      )}
    </Space>
  );
}

function Complaints({
  manager,
  onOpenCustomer,
  onOpenVisit,
}: {
  manager: boolean;
  onOpenCustomer: (id: number) => void;
  onOpenVisit: (id: number) => void;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const [filter, setFilter] = useState<Filter>("open");
  const [data, setData] = useState<{ filter: Filter; items: Complaint[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const seq = useRef(0);

  const load = useCallback(() => {
    const mine = ++seq.current;
    call("list_complaints", { open_only: filter === "open" }).then(
      (items) => {
        if (mine !== seq.current) return;
        setData({ filter, items: [...items].sort(complaintOrder) });
        setError(null);
      },
      (e) => {
        if (mine === seq.current) setError(errorText(t, e));
      },
    );
  }, [filter, t]);

  useEffect(() => {
    load();
    const id = window.setInterval(load, 60_000);
    return () => window.clearInterval(id);
  }, [load]);

  // Who a complaint may be about: every active staff member for a manager
  // (who may list staff), else the stylists.
  const stylists = useStylists();
  const [everyone, setEveryone] = useState<StaffRef[] | null>(null);
  useEffect(() => {
    if (!manager) return;
    call("list_staff").then(
      (all) => setEveryone(all.filter((s) => s.active).map(({ id, staff_no, name }) => ({ id, staff_no, name }))),
      () => setEveryone(null),
    );
  }, [manager]);
  const staff = (manager ? everyone : null) ?? stylists;

  const items = useMemo(() => data?.items ?? [], [data]);
  const open = items.filter((c) => c.open);
  const late = open.filter((c) => answerClock(c, now).late).length;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space wrap style={{ justifyContent: "space-between", width: "100%" }}>
        <Space wrap>
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              { value: "open", label: <span data-testid="complaints-filter-open">{t("complaints.filterOpen")}</span> },
              { value: "all", label: <span data-testid="complaints-filter-all">{t("complaints.filterAll")}</span> },
            ]}
          />
          <Tag variant="filled" color="processing">
            {t("complaints.openCount", { n: open.length })}
          </Tag>
          {late > 0 && (
            <Tag variant="filled" color="red">
              {t("complaints.lateCount", { n: late })}
            </Tag>
          )}
          <Button type="text" icon={<ReloadOutlined />} onClick={load} aria-label={t("common.refresh")} />
        </Space>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="complaint-new">
          {t("complaints.new")}
        </Button>
      </Space>
      <Typography.Text type="secondary">{t("complaints.rules")}</Typography.Text>
      {error && <Alert type="error" showIcon title={error} />}
      <ComplaintList complaints={items} loading={data?.filter !== filter && !error} now={now} onOpen={setOpenId} />
      {creating && (
        <NewComplaintModal
          staff={staff}
          onClose={() => setCreating(false)}
          onOpened={(c) => {
            setCreating(false);
            load();
            setOpenId(c.id);
          }}
        />
      )}
      {openId !== null && (
        <ComplaintDrawer
          id={openId}
          now={now}
          onClose={() => setOpenId(null)}
          onChanged={() => load()}
          onOpenCustomer={onOpenCustomer}
          onOpenVisit={onOpenVisit}
        />
      )}
    </Space>
  );
}
