import { PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Row, Segmented, Space, Spin, Tabs, Tag, Typography } from "antd";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { FollowUp } from "../bindings/FollowUp";
import type { QueueScope } from "../bindings/QueueScope";
import type { Service } from "../bindings/Service";
import type { Session } from "../bindings/Session";
import { FollowUpPanel, NoTask } from "./FollowUpPanel";
import { FollowUpQueue } from "./FollowUpQueue";
import { nextSelection, queueOrder } from "./followups";
import { FollowUpStats } from "./FollowUpStats";
import { NewFollowUpModal } from "./NewFollowUpModal";
import { useNow } from "../common/useNow";
import { errorText } from "../api/errors";
import { can } from "../session/can";
import { useCatalog, useStylists } from "../api/shared";
import { useFailureToast } from "../api/errors";
import { PrintButton } from "../printing/PrintButton";
import { shopDateOf } from "../time";

const NO_SERVICES: Service[] = [];

/** Follow-up calls (回访): the queue of calls due, the call itself, and completion rates. */
export function FollowUpsPage({ session, onOpenCustomer }: { session: Session; onOpenCustomer: (id: number) => void }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<"queue" | "stats">("queue");
  if (!can(session, "make_follow_ups")) {
    return (
      <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="followups-page">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("followups.title")}
        </Typography.Title>
        <Alert type="info" showIcon title={t("followups.deskOnly")} />
      </Space>
    );
  }
  return (
    <Space orientation="vertical" size="small" style={{ width: "100%" }} data-testid="followups-page">
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("followups.title")}
      </Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as "queue" | "stats")}
        destroyOnHidden
        items={[
          {
            key: "queue",
            label: <span data-testid="followups-tab-queue">{t("followups.queue")}</span>,
            children: <Queue session={session} onOpenCustomer={onOpenCustomer} />,
          },
          {
            key: "stats",
            label: <span data-testid="followups-tab-stats">{t("followups.stats")}</span>,
            children: <FollowUpStats />,
          },
        ]}
      />
    </Space>
  );
}

function Queue({ session, onOpenCustomer }: { session: Session; onOpenCustomer: (id: number) => void }) {
  const { t } = useTranslation();
  const now = useNow();
  const [scope, setScope] = useState<QueueScope>(can(session, "view_reports") ? "all" : "mine");
  const [data, setData] = useState<{ scope: QueueScope; tasks: FollowUp[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [creating, setCreating] = useState(false);
  const [shop, setShop] = useState("");
  const fail = useFailureToast();
  const stylists = useStylists(fail);
  const services = useCatalog(fail)?.services ?? NO_SERVICES;
  const seq = useRef(0);

  const fetchQueue = useCallback(
    (s: QueueScope) => {
      const mine = ++seq.current;
      return call("followup_queue", { scope: s }).then(
        (list) => {
          if (mine !== seq.current) return null;
          const tasks = [...list].sort(queueOrder);
          setData({ scope: s, tasks });
          setError(null);
          return tasks;
        },
        (e) => {
          if (mine === seq.current) setError(errorText(t, e));
          return null;
        },
      );
    },
    [t],
  );

  useEffect(() => {
    void fetchQueue(scope);
    const id = window.setInterval(() => void fetchQueue(scope), 60_000);
    return () => window.clearInterval(id);
  }, [scope, fetchQueue]);

  useEffect(() => {
    call("get_shop").then((s) => setShop(s.name), () => setShop(""));
  }, []);

  const tasks = useMemo(() => data?.tasks ?? [], [data]);
  const overdue = tasks.filter((f) => f.overdue).length;
  // The chosen task, or the first in the queue.
  const current = tasks.find((f) => f.id === selected) ?? tasks[0] ?? null;

  const afterCall = async (after: FollowUp) => {
    const before = tasks;
    const list = await fetchQueue(scope);
    if (list) setSelected(nextSelection(before, list, after.id));
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Space wrap style={{ justifyContent: "space-between", width: "100%" }}>
        <Space wrap>
          <Segmented<QueueScope>
            value={scope}
            onChange={(v) => {
              setScope(v);
              setSelected(null);
            }}
            options={[
              { value: "mine", label: <span data-testid="followups-scope-mine">{t("followups.mine")}</span> },
              { value: "all", label: <span data-testid="followups-scope-all">{t("followups.all")}</span> },
            ]}
          />
          <Tag variant="filled" color="magenta">
            {t("followups.dueCount", { n: tasks.length })}
          </Tag>
          {overdue > 0 && (
            <Tag variant="filled" color="red">
              {t("followups.overdueCount", { n: overdue })}
            </Tag>
          )}
          <Button type="text" icon={<ReloadOutlined />} onClick={() => void fetchQueue(scope)} aria-label={t("common.refresh")} />
        </Space>
        <Space>
          <PrintButton document={{ kind: "followups", date: shopDateOf(now) }} session={session} testId="followups-print" />
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="followup-new">
            {t("followups.new")}
          </Button>
        </Space>
      </Space>
      {error && <Alert type="error" showIcon title={error} />}
      <Spin spinning={data?.scope !== scope && !error}>
        <Row gutter={16} wrap={false}>
          <Col
            flex="0 0 380px"
            style={{ position: "sticky", top: 0, alignSelf: "flex-start", maxHeight: "calc(100vh - 120px)", overflowY: "auto" }}
          >
            <Card size="small" styles={{ body: { padding: 8 } }}>
              <FollowUpQueue
                tasks={tasks}
                selected={current?.id ?? null}
                showAssignee={scope === "all"}
                onSelect={setSelected}
              />
            </Card>
          </Col>
          <Col flex="1 1 0" style={{ minWidth: 0 }}>
            {current ? (
              <FollowUpPanel
                key={current.id}
                task={current}
                shop={shop}
                me={session.name}
                now={now}
                stylists={stylists}
                services={services}
                onOpenCustomer={onOpenCustomer}
                onSaved={(after) => void afterCall(after)}
              />
            ) : (
              <NoTask empty={data !== null && tasks.length === 0} />
            )}
          </Col>
        </Row>
      </Spin>
      {creating && (
        <NewFollowUpModal
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            void fetchQueue(scope);
          }}
        />
      )}
    </Space>
  );
}
