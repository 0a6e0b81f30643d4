// The gift counter's setup (managers): gift items, voucher types, promotions
// with their spend tiers and what each earns, and the member tiers'
// birthday gifts. Deactivate rather than delete: the ledger points at them.
import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { showError, useFailureToast } from "../api/errors";
import { invalidateShared, useCatalog, useGiftCatalog } from "../api/shared";
import type { GiftItem } from "../bindings/GiftItem";
import type { Promotion } from "../bindings/Promotion";
import type { Tier } from "../bindings/Tier";
import type { VoucherType } from "../bindings/VoucherType";
import { isoDate } from "../common/dates";
import { fenToYuanText, formatFen, parseYuan } from "../money";
import { day, wallNow } from "../time";

type Editing = { kind: "item"; item: GiftItem | null } | { kind: "voucher"; item: VoucherType | null } | { kind: "promotion"; item: Promotion | null };

function ItemForm({ item, onClose }: { item: GiftItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const [alert, setAlert] = useState<string | null>(null);
  const save = async (v: { name: string; unit: string; cost: string; active: boolean }) => {
    const cost = parseYuan(v.cost ?? "");
    if (cost === null) {
      form.setFields([{ name: "cost", errors: [t("invalid.format", { field: t("fields.unit_cost") })] }]);
      return;
    }
    try {
      await call("save_gift_item", { id: item?.id ?? 0, name: v.name ?? "", unit: v.unit ?? "", unit_cost: cost, active: v.active });
      invalidateShared("gift_catalog");
      onClose();
    } catch (e) {
      setAlert(showError(t, form, e, { name: "name", unit: "unit", unit_cost: "cost" }));
    }
  };
  return (
    <Modal open title={t(item ? "gifts.setup.editItem" : "gifts.setup.newItem")} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ "data-testid": "setup-ok" }} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void save(v)}
        initialValues={{ name: item?.name, unit: item?.unit ?? "件", cost: item ? fenToYuanText(item.unit_cost) : "", active: item?.active ?? true }}
      >
        <Form.Item name="name" label={t("gifts.setup.itemName")}>
          <Input autoFocus maxLength={30} data-testid="setup-item-name" />
        </Form.Item>
        <Space>
          <Form.Item name="unit" label={t("fields.unit")}>
            <Input maxLength={4} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item name="cost" label={t("fields.unit_cost")}>
            <Input prefix="¥" style={{ width: 160 }} data-testid="setup-item-cost" />
          </Form.Item>
        </Space>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t("catalog.active")}</Checkbox>
        </Form.Item>
        {alert && <Typography.Text type="danger">{alert}</Typography.Text>}
      </Form>
    </Modal>
  );
}

type VoucherValues = {
  name: string;
  face: string;
  min: string;
  validity: "days" | "dates";
  valid_days?: number;
  range?: [ReturnType<typeof day>, ReturnType<typeof day>];
  services: number[];
  products: number[];
  serial_prefix: string;
  serial_digits: number;
  active: boolean;
};

function VoucherForm({ item, onClose }: { item: VoucherType | null; onClose: () => void }) {
  const { t } = useTranslation();
  const catalog = useCatalog();
  const [form] = Form.useForm<VoucherValues>();
  const [alert, setAlert] = useState<string | null>(null);
  const validity = Form.useWatch("validity", form);
  const save = async (v: VoucherValues) => {
    const face = parseYuan(v.face ?? "");
    const min = v.min?.trim() ? parseYuan(v.min) : 0;
    if (face === null || min === null) {
      form.setFields([{ name: face === null ? "face" : "min", errors: [t("member.amountFormat")] }]);
      return;
    }
    const dates = v.validity === "dates" && v.range;
    try {
      await call("save_voucher_type", {
        id: item?.id ?? 0,
        name: v.name ?? "",
        face_value: face,
        valid_from: dates ? isoDate(v.range![0]) : null,
        valid_to: dates ? isoDate(v.range![1]) : null,
        valid_days: v.validity === "days" ? (v.valid_days ?? null) : null,
        min_spend: min,
        services: v.services ?? [],
        products: v.products ?? [],
        serial_prefix: v.serial_prefix ?? "",
        serial_digits: v.serial_digits ?? 6,
        active: v.active,
      });
      invalidateShared("gift_catalog");
      onClose();
    } catch (e) {
      setAlert(
        showError(t, form, e, {
          name: "name",
          face_value: "face",
          min_spend: "min",
          valid_days: "valid_days",
          valid_to: "range",
          serial_prefix: "serial_prefix",
          serial_digits: "serial_digits",
        }),
      );
    }
  };
  return (
    <Modal open width={640} title={t(item ? "gifts.setup.editVoucher" : "gifts.setup.newVoucher")} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ "data-testid": "setup-ok" }} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void save(v)}
        initialValues={{
          name: item?.name,
          face: item ? fenToYuanText(item.face_value) : "",
          min: item ? fenToYuanText(item.min_spend) : "",
          validity: item?.valid_to ? "dates" : "days",
          valid_days: item?.valid_days ?? 30,
          range: item?.valid_to ? [day(item.valid_from ?? item.valid_to), day(item.valid_to)] : undefined,
          services: item?.services ?? [],
          products: item?.products ?? [],
          serial_prefix: item?.serial_prefix ?? "A",
          serial_digits: item?.serial_digits ?? 6,
          active: item?.active ?? true,
        }}
      >
        <Form.Item name="name" label={t("gifts.setup.voucherName")}>
          <Input autoFocus maxLength={30} data-testid="setup-voucher-name" />
        </Form.Item>
        <Space>
          <Form.Item name="face" label={t("fields.face_value")}>
            <Input prefix="¥" style={{ width: 140 }} data-testid="setup-voucher-face" />
          </Form.Item>
          <Form.Item name="min" label={t("fields.min_spend")}>
            <Input prefix="¥" style={{ width: 140 }} placeholder="0" />
          </Form.Item>
          <Form.Item name="serial_prefix" label={t("fields.serial_prefix")}>
            <Input maxLength={4} style={{ width: 90 }} data-testid="setup-voucher-prefix" />
          </Form.Item>
          <Form.Item name="serial_digits" label={t("fields.serial_digits")}>
            <InputNumber min={3} max={10} style={{ width: 80 }} />
          </Form.Item>
        </Space>
        <Form.Item name="validity" label={t("gifts.setup.validity")}>
          <Radio.Group
            options={[
              { value: "days", label: t("gifts.setup.byDays") },
              { value: "dates", label: t("gifts.setup.byDates") },
            ]}
          />
        </Form.Item>
        {validity === "dates" ? (
          <Form.Item name="range">
            <DatePicker.RangePicker />
          </Form.Item>
        ) : (
          <Form.Item name="valid_days">
            <InputNumber min={1} max={3650} addonAfter={t("gifts.setup.days")} style={{ width: 180 }} />
          </Form.Item>
        )}
        <Form.Item name="services" label={t("gifts.setup.onlyServices")} extra={t("gifts.setup.scopeHint")}>
          <Select mode="multiple" showSearch={{ optionFilterProp: "label" }} options={(catalog?.services ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="products" label={t("gifts.setup.onlyProducts")}>
          <Select mode="multiple" showSearch={{ optionFilterProp: "label" }} options={(catalog?.products ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item name="active" valuePropName="checked">
          <Checkbox>{t("catalog.active")}</Checkbox>
        </Form.Item>
        {alert && <Typography.Text type="danger">{alert}</Typography.Text>}
      </Form>
    </Modal>
  );
}

type RewardRow = { what: string; quantity: number };
type TierRow = { id: number; threshold: string; rewards: RewardRow[] };

function PromotionForm({ item, onClose }: { item: Promotion | null; onClose: () => void }) {
  const { t } = useTranslation();
  const gifts = useGiftCatalog();
  const [form] = Form.useForm();
  const [alert, setAlert] = useState<string | null>(null);
  const options = [
    ...(gifts?.items ?? []).filter((i) => i.active).map((i) => ({ value: `i${i.id}`, label: `${t("gifts.setup.gift")} · ${i.name}` })),
    ...(gifts?.voucher_types ?? []).filter((v) => v.active).map((v) => ({ value: `v${v.id}`, label: `${t("gifts.setup.voucher")} · ${v.name}` })),
  ];
  const save = async (v: { name: string; range: [ReturnType<typeof day>, ReturnType<typeof day>]; tiers: TierRow[]; active: boolean }) => {
    const tiers = [];
    for (const [i, x] of (v.tiers ?? []).entries()) {
      const threshold = parseYuan(x.threshold ?? "");
      if (threshold === null) {
        form.setFields([{ name: ["tiers", i, "threshold"], errors: [t("member.amountFormat")] }]);
        return;
      }
      tiers.push({
        id: x.id ?? 0,
        threshold,
        rewards: (x.rewards ?? [])
          .filter((r) => r?.what)
          .map((r) => ({
            item_id: r.what.startsWith("i") ? Number(r.what.slice(1)) : null,
            voucher_type_id: r.what.startsWith("v") ? Number(r.what.slice(1)) : null,
            quantity: r.quantity ?? 1,
          })),
      });
    }
    try {
      await call("save_promotion", {
        promotion: {
          id: item?.id ?? 0,
          name: v.name ?? "",
          starts_on: v.range ? isoDate(v.range[0]) : "",
          ends_on: v.range ? isoDate(v.range[1]) : "",
          active: v.active,
          tiers,
        },
      });
      invalidateShared("gift_catalog");
      onClose();
    } catch (e) {
      setAlert(showError(t, form, e, { name: "name", starts_on: "range", ends_on: "range" }));
    }
  };
  const today = wallNow();
  return (
    <Modal open width={720} title={t(item ? "gifts.setup.editPromotion" : "gifts.setup.newPromotion")} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ "data-testid": "setup-ok" }} destroyOnHidden>
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(v) => void save(v)}
        initialValues={{
          name: item?.name,
          range: item ? [day(item.starts_on), day(item.ends_on)] : [today, today.add(30, "day")],
          active: item?.active ?? true,
          tiers: item
            ? item.tiers.map((x) => ({
                id: x.id,
                threshold: fenToYuanText(x.threshold),
                rewards: x.rewards.map((r) => ({ what: r.item_id !== null ? `i${r.item_id}` : `v${r.voucher_type_id}`, quantity: r.quantity })),
              }))
            : [{ id: 0, threshold: "", rewards: [{ what: undefined, quantity: 1 }] }],
        }}
      >
        <Space align="start">
          <Form.Item name="name" label={t("gifts.setup.promotionName")}>
            <Input autoFocus maxLength={30} style={{ width: 260 }} data-testid="setup-promotion-name" />
          </Form.Item>
          <Form.Item name="range" label={t("gifts.setup.runs")}>
            <DatePicker.RangePicker />
          </Form.Item>
        </Space>
        <Form.List name="tiers">
          {(fields, { add, remove }) => (
            <Space orientation="vertical" style={{ width: "100%" }}>
              {fields.map((f) => (
                <Card key={f.key} size="small" extra={<MinusCircleOutlined onClick={() => remove(f.name)} />}
                  title={
                    <Form.Item name={[f.name, "threshold"]} noStyle>
                      <Input prefix={t("gifts.setup.spendFrom")} suffix="元" style={{ width: 220 }} data-testid={`setup-tier-${f.name}`} />
                    </Form.Item>
                  }
                >
                  <Form.List name={[f.name, "rewards"]}>
                    {(rs, { add: addR, remove: removeR }) => (
                      <Space orientation="vertical" style={{ width: "100%" }}>
                        {rs.map((r) => (
                          <Space key={r.key}>
                            <Form.Item name={[r.name, "what"]} noStyle>
                              <Select showSearch={{ optionFilterProp: "label" }} style={{ width: 280 }} options={options} placeholder={t("gifts.setup.reward")} data-testid={`setup-reward-${f.name}-${r.name}`} />
                            </Form.Item>
                            <Form.Item name={[r.name, "quantity"]} noStyle>
                              <InputNumber min={1} max={99} addonBefore="×" style={{ width: 110 }} />
                            </Form.Item>
                            <MinusCircleOutlined onClick={() => removeR(r.name)} />
                          </Space>
                        ))}
                        <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => addR({ quantity: 1 })}>
                          {t("gifts.setup.addReward")}
                        </Button>
                      </Space>
                    )}
                  </Form.List>
                </Card>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ id: 0, threshold: "", rewards: [{ quantity: 1 }] })}>
                {t("gifts.setup.addTier")}
              </Button>
            </Space>
          )}
        </Form.List>
        <Form.Item name="active" valuePropName="checked" style={{ marginTop: 12 }}>
          <Checkbox>{t("catalog.active")}</Checkbox>
        </Form.Item>
        {alert && <Typography.Text type="danger">{alert}</Typography.Text>}
      </Form>
    </Modal>
  );
}

function BirthdayGifts() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const fail = useFailureToast();
  const gifts = useGiftCatalog(fail);
  const [tiers, setTiers] = useState<Tier[]>([]);
  // The saved gifts, with the desk's unsaved changes over them.
  const [edits, setEdits] = useState<Record<number, number | undefined>>({});
  useEffect(() => {
    call("list_tiers").then(setTiers, fail);
  }, [fail]);
  const saved: Record<number, number | undefined> = Object.fromEntries(
    (gifts?.birthday_gifts ?? []).map((g) => [g.membership_tier_id, g.item_id]),
  );
  const choice = { ...saved, ...edits };
  const setChoice = (c: Record<number, number | undefined>) => setEdits(c);
  const save = async () => {
    try {
      await call("save_birthday_gifts", {
        gifts: Object.entries(choice)
          .filter(([, i]) => i !== undefined)
          .map(([tier, item]) => ({ membership_tier_id: Number(tier), item_id: item as number, quantity: 1 })),
      });
      invalidateShared("gift_catalog");
      void message.success(t("gifts.setup.saved"));
    } catch (e) {
      fail(e);
    }
  };
  return (
    <Space orientation="vertical">
      <Typography.Text type="secondary">{t("gifts.setup.birthdayHint")}</Typography.Text>
      {tiers.map((tier) => (
        <Space key={tier.id}>
          <Tag color={tier.color} style={{ width: 80, textAlign: "center" }}>
            {tier.name}
          </Tag>
          <Select
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            style={{ width: 240 }}
            value={choice[tier.id]}
            onChange={(v: number | undefined) => setChoice({ ...choice, [tier.id]: v })}
            options={(gifts?.items ?? []).filter((i) => i.active).map((i) => ({ value: i.id, label: i.name }))}
            placeholder={t("gifts.setup.noBirthdayGift")}
          />
        </Space>
      ))}
      <Button type="primary" onClick={() => void save()}>
        {t("common.save")}
      </Button>
    </Space>
  );
}

export function SetupTab() {
  const { t } = useTranslation();
  const fail = useFailureToast();
  const gifts = useGiftCatalog(fail);
  const [editing, setEditing] = useState<Editing | null>(null);
  const status = (active: boolean) => (active ? <Tag color="green">{t("catalog.active")}</Tag> : <Tag>{t("catalog.inactive")}</Tag>);
  const edit = (e: Editing) => () => setEditing(e);
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card size="small" title={t("gifts.setup.promotions")} extra={<Button type="primary" size="small" onClick={edit({ kind: "promotion", item: null })} data-testid="setup-new-promotion">{t("gifts.setup.newPromotion")}</Button>}>
        <Table<Promotion>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={gifts?.promotions ?? []}
          columns={[
            { title: t("gifts.setup.promotionName"), render: (_, p) => <strong>{p.name}</strong> },
            { title: t("gifts.setup.runs"), render: (_, p) => `${p.starts_on} – ${p.ends_on}`, width: 200 },
            {
              title: t("fields.tiers"),
              render: (_, p) => (
                <Space orientation="vertical" size={0}>
                  {p.tiers.map((x) => (
                    <span key={x.id}>
                      ≥ {formatFen(x.threshold)}：
                      {x.rewards
                        .map((r) => {
                          const name = r.item_id !== null ? gifts?.items.find((i) => i.id === r.item_id)?.name : gifts?.voucher_types.find((v) => v.id === r.voucher_type_id)?.name;
                          return `${name ?? ""} ×${r.quantity}`;
                        })
                        .join("、")}
                    </span>
                  ))}
                </Space>
              ),
            },
            { title: t("catalog.status"), render: (_, p) => status(p.active), width: 80 },
            { title: "", width: 80, render: (_, p) => <Button size="small" onClick={edit({ kind: "promotion", item: p })}>{t("catalog.edit")}</Button> },
          ]}
        />
      </Card>
      <Card size="small" title={t("gifts.setup.items")} extra={<Button size="small" onClick={edit({ kind: "item", item: null })} data-testid="setup-new-item">{t("gifts.setup.newItem")}</Button>}>
        <Table<GiftItem>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={gifts?.items ?? []}
          columns={[
            { title: t("gifts.setup.itemName"), dataIndex: "name" },
            { title: t("fields.unit"), dataIndex: "unit", width: 70 },
            { title: t("fields.unit_cost"), render: (_, i) => formatFen(i.unit_cost), width: 110 },
            { title: t("gifts.stock.col.book"), dataIndex: "stock", width: 80 },
            { title: t("catalog.status"), render: (_, i) => status(i.active), width: 80 },
            { title: "", width: 80, render: (_, i) => <Button size="small" onClick={edit({ kind: "item", item: i })}>{t("catalog.edit")}</Button> },
          ]}
        />
      </Card>
      <Card size="small" title={t("gifts.setup.voucherTypes")} extra={<Button size="small" onClick={edit({ kind: "voucher", item: null })} data-testid="setup-new-voucher">{t("gifts.setup.newVoucher")}</Button>}>
        <Table<VoucherType>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={gifts?.voucher_types ?? []}
          columns={[
            { title: t("gifts.setup.voucherName"), dataIndex: "name" },
            { title: t("fields.face_value"), render: (_, v) => formatFen(v.face_value), width: 100 },
            { title: t("fields.min_spend"), render: (_, v) => (v.min_spend > 0 ? formatFen(v.min_spend) : "—"), width: 100 },
            {
              title: t("gifts.setup.validity"),
              render: (_, v) => (v.valid_days !== null ? t("gifts.setup.daysFromIssue", { n: v.valid_days }) : `${v.valid_from ?? ""} – ${v.valid_to ?? ""}`),
            },
            { title: t("gifts.setup.serials"), render: (_, v) => `${v.serial_prefix}${"0".repeat(Number(v.serial_digits))}`, width: 110 },
            { title: t("gifts.vouchers.inStock"), dataIndex: "in_stock", width: 80 },
            { title: t("catalog.status"), render: (_, v) => status(v.active), width: 80 },
            { title: "", width: 80, render: (_, v) => <Button size="small" onClick={edit({ kind: "voucher", item: v })}>{t("catalog.edit")}</Button> },
          ]}
        />
      </Card>
      <Card size="small" title={t("gifts.setup.birthday")}>
        <BirthdayGifts />
      </Card>
      {editing?.kind === "item" && <ItemForm item={editing.item} onClose={() => setEditing(null)} />}
      {editing?.kind === "voucher" && <VoucherForm item={editing.item} onClose={() => setEditing(null)} />}
      {editing?.kind === "promotion" && <PromotionForm item={editing.item} onClose={() => setEditing(null)} />}
    </Space>
  );
}
