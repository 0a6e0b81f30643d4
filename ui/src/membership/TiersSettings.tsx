import { App, Alert, Button, ColorPicker, Form, Input, InputNumber, Modal, Space, Switch, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { MembershipSettings } from "../bindings/MembershipSettings";
import type { Tier } from "../bindings/Tier";
import { fenToYuanText, formatFen, parseYuan } from "../money";
import { errorMessage, errorOf, useFailureToast } from "../api/errors";

type Values = {
  name: string;
  rank: number;
  color: string;
  min_spend: string;
  min_topup: string;
  service_rate_permille: number;
  product_rate_permille: number;
  birthday_gift: string;
  priority_booking: boolean;
  active: boolean;
};

const blank: Tier = {
  id: 0,
  name: "",
  rank: 0,
  color: "#8c8c8c",
  min_spend_12m: null,
  min_single_topup: null,
  service_rate_permille: 1000,
  product_rate_permille: 1000,
  birthday_gift: "",
  priority_booking: false,
  active: true,
};

/** Settings → 会员等级: the ordered tiers, their rules and benefits; the review. */
export function TiersSettings({ editable }: { editable: boolean }) {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const [tiers, setTiers] = useState<Tier[]>([]);
  const [editing, setEditing] = useState<Tier | null>(null);
  const [settings, setSettings] = useState<MembershipSettings | null>(null);
  const [form] = Form.useForm<Values>();
  const fail = useFailureToast();
  const load = useCallback(() => call("list_tiers").then(setTiers, fail), [fail]);
  useEffect(() => {
    void load();
    call("get_membership_settings").then(setSettings, fail);
  }, [load, fail]);
  const setMonths = async (months: number | null) => {
    if (!months) return;
    try {
      setSettings(await call("update_membership_settings", months));
    } catch (e) {
      fail(e);
    }
  };

  const open = (tier: Tier) => {
    setEditing(tier);
    form.setFieldsValue({
      ...tier,
      rank: tier.id === 0 ? tiers.length : tier.rank,
      min_spend: tier.min_spend_12m === null ? "" : fenToYuanText(tier.min_spend_12m),
      min_topup: tier.min_single_topup === null ? "" : fenToYuanText(tier.min_single_topup),
    });
  };
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !editing) return;
    const money = (s: string) => (s.trim() === "" ? null : parseYuan(s));
    try {
      await call("save_tier", {
        tier: {
          id: editing.id,
          name: v.name,
          rank: v.rank,
          color: typeof v.color === "string" ? v.color : editing.color,
          min_spend_12m: money(v.min_spend),
          min_single_topup: money(v.min_topup),
          service_rate_permille: v.service_rate_permille,
          product_rate_permille: v.product_rate_permille,
          birthday_gift: v.birthday_gift,
          priority_booking: v.priority_booking,
          active: v.active,
        },
      });
      void message.success(t("member.tiers.saved"));
      setEditing(null);
      void load();
    } catch (e) {
      const err = errorOf(e);
      const map: Record<string, string> = { min_spend_12m: "min_spend", min_single_topup: "min_topup" };
      const field = err.field ? (map[err.field] ?? err.field) : "name";
      form.setFields([{ name: field as keyof Values, errors: [errorMessage(t, err)] }]);
    }
  };
  const review = async () => {
    try {
      const r = await call("review_tiers");
      void message.success(t("member.tiers.reviewDone", { reviewed: r.reviewed, downgraded: r.downgraded, skipped: r.skipped_open_visits }));
      call("get_membership_settings").then(setSettings, fail);
    } catch (e) {
      fail(e);
    }
  };
  const moneyRule = {
    validator: (_: unknown, v: string | undefined) =>
      !v || !v.trim() || parseYuan(v) !== null ? Promise.resolve() : Promise.reject(new Error(t("member.amountFormat"))),
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="tiers-settings">
      <Alert type="info" showIcon title={t("member.tiers.reviewHint")} />
      {settings && (
        <Space wrap>
          <Typography.Text>{t("member.tiers.period")}</Typography.Text>
          <InputNumber
            min={1}
            max={36}
            value={settings.review_months}
            disabled={!editable}
            onChange={(v) => void setMonths(v)}
            suffix={t("member.tiers.months")}
            data-testid="tiers-review-months"
          />
          <Typography.Text type="secondary">
            {t("member.tiers.nextReview", { date: settings.next_review_date })}
          </Typography.Text>
        </Space>
      )}
      {editable && (
        <Space>
          <Button type="primary" onClick={() => open(blank)}>
            {t("member.tiers.add")}
          </Button>
          <Button onClick={() => void review()}>{t("member.tiers.review")}</Button>
        </Space>
      )}
      <Table<Tier>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={tiers}
        columns={[
          { title: t("member.tiers.rank"), dataIndex: "rank", width: 70 },
          { title: t("member.tiers.name"), render: (_, r) => <Tag color={r.color}>{r.name}</Tag> },
          {
            title: t("member.tiers.rule"),
            render: (_, r) =>
              [
                r.min_spend_12m !== null ? t("member.tiers.ruleSpend", { amount: formatFen(r.min_spend_12m) }) : null,
                r.min_single_topup !== null ? t("member.tiers.ruleTopUp", { amount: formatFen(r.min_single_topup) }) : null,
              ]
                .filter(Boolean)
                .join(" / ") || t("member.tiers.ruleEntry"),
          },
          {
            title: t("member.tiers.benefits"),
            render: (_, r) => (
              <Typography.Text>
                {t("member.tiers.serviceRate")} {r.service_rate_permille}‰ · {t("member.tiers.productRate")} {r.product_rate_permille}‰
                {r.birthday_gift ? ` · ${r.birthday_gift}` : ""}
                {r.priority_booking ? ` · ${t("member.tiers.priority")}` : ""}
              </Typography.Text>
            ),
          },
          { title: t("member.tiers.active"), render: (_, r) => (r.active ? "✓" : "—"), width: 70 },
          ...(editable
            ? [{ title: "", width: 80, render: (_: unknown, r: Tier) => <Button size="small" onClick={() => open(r)}>{t("member.tiers.edit")}</Button> }]
            : []),
        ]}
      />
      <Modal open={editing !== null} title={editing?.id ? editing.name : t("member.tiers.add")} onCancel={() => setEditing(null)} onOk={() => void save()} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Space size="middle" wrap>
            <Form.Item name="name" label={t("member.tiers.name")} rules={[{ required: true, whitespace: true, message: t("invalid.required", { field: t("member.tiers.name") }) }]}>
              <Input maxLength={20} autoFocus />
            </Form.Item>
            <Form.Item name="rank" label={t("member.tiers.rank")}>
              <InputNumber min={0} max={20} />
            </Form.Item>
            <Form.Item name="color" label={t("member.tiers.color")} getValueFromEvent={(c: { toHexString: () => string }) => c.toHexString()}>
              <ColorPicker disabledAlpha />
            </Form.Item>
          </Space>
          <Space size="middle" wrap>
            <Form.Item name="min_spend" label={t("member.tiers.minSpend")} rules={[moneyRule]}>
              <Input prefix="¥" />
            </Form.Item>
            <Form.Item name="min_topup" label={t("member.tiers.minTopUp")} rules={[moneyRule]}>
              <Input prefix="¥" />
            </Form.Item>
          </Space>
          <Space size="middle" wrap>
            <Form.Item name="service_rate_permille" label={t("member.tiers.serviceRate")} extra={t("member.tiers.rateHint")}>
              <InputNumber min={100} max={1000} />
            </Form.Item>
            <Form.Item name="product_rate_permille" label={t("member.tiers.productRate")}>
              <InputNumber min={100} max={1000} />
            </Form.Item>
          </Space>
          <Form.Item name="birthday_gift" label={t("member.tiers.gift")}>
            <Input maxLength={60} />
          </Form.Item>
          <Space size="large">
            <Form.Item name="priority_booking" label={t("member.tiers.priority")} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item name="active" label={t("member.tiers.active")} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Space>
        </Form>
      </Modal>
    </Space>
  );
}
