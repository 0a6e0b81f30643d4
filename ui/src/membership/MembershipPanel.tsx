import { App, Button, Card, Empty, Progress, Space, Statistic, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { LedgerRow } from "../bindings/LedgerRow";
import type { Membership } from "../bindings/Membership";
import type { Session } from "../bindings/Session";
import type { Tier } from "../bindings/Tier";
import { formatFen } from "../money";
import { formatDateTime } from "../time";
import { OverrideTierModal, RefundModal, SellPackageModal, TopUpModal } from "./MemberModals";
import { useFailureToast } from "../api/errors";
import { can, canAtDesk } from "../session/can";
import { useCatalog } from "../api/shared";

export function TierBadge({ tier }: { tier: Tier | null }) {
  if (!tier) return null;
  return (
    <Tag color={tier.color} style={{ fontSize: 14, padding: "2px 10px" }} data-testid="member-tier">
      {tier.name}
    </Tag>
  );
}

/** The card's membership block: tier and progress, balance and its ledger, packages. */
export function MembershipPanel({ customerId, session }: { customerId: number; session: Session }) {
  const { message } = App.useApp();
  const { t, i18n } = useTranslation();
  const [m, setM] = useState<Membership | null>(null);
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [dialog, setDialog] = useState<"topup" | "refund" | "package" | "override" | null>(null);
  const desk = can(session, "run_visits");

  const fail = useFailureToast();
  const catalog = useCatalog(fail);
  const load = useCallback(() => call("customer_membership", customerId).then(setM, fail), [customerId, fail]);
  useEffect(() => {
    void load();
    call("list_tiers").then(setTiers, fail);
  }, [load, fail]);

  const done = (next: Membership) => {
    if (m && next.tier && m.tier?.id !== next.tier.id) void message.success(t("member.upgraded", { tier: next.tier.name }));
    setM(next);
    setDialog(null);
  };
  if (!m) return null;
  const spendGoal = m.next_tier?.min_spend_12m ?? null;
  return (
    <Card
      size="small"
      title={
        <Space>
          {t("member.title")} <TierBadge tier={m.tier} />
        </Space>
      }
      extra={
        desk && (
          <Space>
            <Button type="primary" size="small" onClick={() => setDialog("topup")} data-testid="member-topup">
              {t("member.topUp")}
            </Button>
            <Button size="small" onClick={() => setDialog("package")} data-testid="member-sell-package">
              {t("member.sellPackage")}
            </Button>
            {canAtDesk(session, "refund_stored_value") && (
              <Button size="small" onClick={() => setDialog("refund")} data-testid="member-refund">
                {t("member.refund")}
              </Button>
            )}
            {can(session, "override_tiers") && (
              <Button size="small" onClick={() => setDialog("override")}>
                {t("member.override")}
              </Button>
            )}
          </Space>
        )
      }
      data-testid="membership-panel"
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Space size="large" wrap align="start">
          <Statistic title={t("member.balance")} value={formatFen(m.balance)} valueStyle={{ color: "#a3345f" }} data-testid="member-balance" />
          <Space orientation="vertical" size={2}>
            <Typography.Text type="secondary">{t("member.spend12m", { amount: formatFen(m.spend_12m) })}</Typography.Text>
            {m.next_tier ? (
              <>
                {spendGoal !== null && (
                  <Progress
                    style={{ width: 260 }}
                    percent={Math.min(100, Math.floor((m.spend_12m * 100) / Math.max(1, spendGoal)))}
                    strokeColor={m.next_tier.color}
                    size="small"
                  />
                )}
                {m.to_next_tier !== null && (
                  <Typography.Text data-testid="member-next">
                    {t("member.nextTier", { tier: m.next_tier.name, amount: formatFen(m.to_next_tier) })}
                  </Typography.Text>
                )}
                {m.next_tier.min_single_topup !== null && (
                  <Typography.Text type="secondary">
                    {t("member.nextTierTopUp", { tier: m.next_tier.name, amount: formatFen(m.next_tier.min_single_topup) })}
                  </Typography.Text>
                )}
              </>
            ) : (
              m.tier && <Typography.Text type="secondary">{t("member.topTier")}</Typography.Text>
            )}
          </Space>
        </Space>
        <div>
          <Typography.Text strong>{t("member.packages")}</Typography.Text>
          {m.packages.length === 0 ? (
            <Typography.Paragraph type="secondary">{t("member.noPackages")}</Typography.Paragraph>
          ) : (
            <Space orientation="vertical" size={4} style={{ width: "100%", marginTop: 6 }} data-testid="member-packages">
              {m.packages.map((p) => (
                <Space key={p.id} wrap>
                  <Typography.Text>{p.name}</Typography.Text>
                  <Tag color={p.expired || p.sessions_left === 0 ? "default" : "purple"}>
                    {t("member.sessionsLeft", { left: p.sessions_left, total: p.sessions_total })}
                  </Tag>
                  {p.expired && <Tag color="red">{t("member.expired")}</Tag>}
                  {!p.expired && p.expires_on && <Typography.Text type="secondary">{t("member.expires", { date: p.expires_on })}</Typography.Text>}
                </Space>
              ))}
            </Space>
          )}
        </div>
        <div>
          <Typography.Text strong>{t("member.ledger")}</Typography.Text>
          {m.ledger.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("member.noLedger")} />
          ) : (
            <Table<LedgerRow>
              size="small"
              rowKey="id"
              pagination={{ pageSize: 5, hideOnSinglePage: true }}
              dataSource={m.ledger}
              columns={[
                { title: t("member.columns.at"), render: (_, r) => formatDateTime(r.at, i18n.language) },
                { title: t("member.columns.kind"), render: (_, r) => t(`member.kinds.${r.kind}`) },
                {
                  title: t("member.columns.amount"),
                  align: "right",
                  render: (_, r) => (
                    <Typography.Text type={r.amount < 0 ? "danger" : "success"}>
                      {r.amount > 0 ? "+" : ""}
                      {formatFen(r.amount)}
                    </Typography.Text>
                  ),
                },
                { title: t("member.columns.after"), align: "right", render: (_, r) => formatFen(r.balance_after) },
                { title: t("member.columns.staff"), dataIndex: "staff" },
              ]}
              data-testid="member-ledger"
            />
          )}
        </div>
        {m.tier_history.length > 0 && (
          <div>
            <Typography.Text strong>{t("member.history")}</Typography.Text>
            {m.tier_history.map((h, i) => (
              <div key={i}>
                <Typography.Text type="secondary">
                  {formatDateTime(h.at, i18n.language)} · {t(`member.changeKinds.${h.kind}`)} {h.from ?? "—"} → {h.to}
                  {h.reason ? `（${h.reason}）` : ""}
                </Typography.Text>
              </div>
            ))}
          </div>
        )}
      </Space>
      {dialog === "topup" && <TopUpModal customerId={customerId} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === "refund" && <RefundModal customerId={customerId} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === "package" && catalog && (
        <SellPackageModal customerId={customerId} services={catalog.services} onClose={() => setDialog(null)} onDone={done} />
      )}
      {dialog === "override" && (
        <OverrideTierModal
          customerId={customerId}
          tiers={tiers}
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            void load();
          }}
        />
      )}
    </Card>
  );
}
