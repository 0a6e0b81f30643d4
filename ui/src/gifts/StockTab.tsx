// The gift shelf and the voucher drawer: every item's book and the tier card
// beside it, every received range with what is left; receiving, damage,
// and (managers) destroying and returning to the warehouse; a serial looked
// up wherever it is.
import { App, Button, Card, Checkbox, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { errorText, showError, useFailureToast } from "../api/errors";
import { invalidateShared, useGiftCatalog } from "../api/shared";
import type { GiftItem } from "../bindings/GiftItem";
import type { GiftMoveRow } from "../bindings/GiftMoveRow";
import type { Session } from "../bindings/Session";
import type { VoucherBatch } from "../bindings/VoucherBatch";
import type { VoucherView } from "../bindings/VoucherView";
import { formatFen } from "../money";
import { canAtDesk } from "../session/can";
import { formatDateTime } from "../time";

type Action = "receive" | "damage" | "destroy" | "return";

function MoveModal({ item, action, onClose }: { item: GiftItem; action: Action; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [alert, setAlert] = useState<string | null>(null);
  const replaced = Form.useWatch("replaced", form) as boolean | undefined;
  const submit = async (v: { quantity: number; slip_no?: string; reason?: string; replaced?: boolean }) => {
    setAlert(null);
    try {
      const base = { item_id: item.id, quantity: v.quantity ?? 0 };
      if (action === "receive") await call("receive_gifts", { ...base, slip_no: v.slip_no ?? "" });
      if (action === "damage")
        await call("record_damage", { ...base, reason: v.reason ?? "", replaced: !!v.replaced, slip_no: v.slip_no ?? "" });
      if (action === "destroy") await call("destroy_gifts", { ...base, reason: v.reason ?? "" });
      if (action === "return") await call("return_gifts", { ...base, slip_no: v.slip_no ?? "" });
      invalidateShared("gift_catalog");
      void message.success(t(`gifts.stock.done.${action}`, { name: item.name, n: v.quantity, unit: item.unit }));
      onClose();
    } catch (e) {
      setAlert(showError(t, form, e, ["quantity", "slip_no", "reason"]));
    }
  };
  const needsSlip = action === "receive" || action === "return" || (action === "damage" && replaced);
  const needsReason = action === "damage" || action === "destroy";
  return (
    <Modal
      open
      title={t(`gifts.stock.title.${action}`, { name: item.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ "data-testid": "gift-move-ok" }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Typography.Paragraph type="secondary">{t("gifts.stock.book", { n: item.stock, unit: item.unit })}</Typography.Paragraph>
        <Form.Item name="quantity" label={t("fields.quantity")}>
          <InputNumber min={1} max={100000} autoFocus style={{ width: 160 }} addonAfter={item.unit} data-testid="gift-move-qty" />
        </Form.Item>
        {action === "damage" && (
          <Form.Item name="replaced" valuePropName="checked">
            <Checkbox>{t("gifts.stock.replaced")}</Checkbox>
          </Form.Item>
        )}
        {needsSlip && (
          <Form.Item name="slip_no" label={t("fields.slip_no")}>
            <Input maxLength={30} data-testid="gift-move-slip" />
          </Form.Item>
        )}
        {needsReason && (
          <Form.Item name="reason" label={t("fields.reason")}>
            <Input maxLength={100} data-testid="gift-move-reason" />
          </Form.Item>
        )}
        {alert && <Typography.Text type="danger">{alert}</Typography.Text>}
      </Form>
    </Modal>
  );
}

function History({ item, onClose }: { item: GiftItem; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const fail = useFailureToast();
  const [rows, setRows] = useState<GiftMoveRow[] | null>(null);
  useEffect(() => {
    call("gift_moves", { item_id: item.id, limit: 200 }).then(setRows, (e) => {
      setRows([]);
      fail(e);
    });
  }, [item.id, fail]);
  return (
    <Drawer open width={760} title={t("gifts.stock.history", { name: item.name })} onClose={onClose}>
      <Table<GiftMoveRow>
        size="small"
        rowKey={(r, i) => `${r.at}-${i}`}
        loading={rows === null}
        dataSource={rows ?? []}
        pagination={{ pageSize: 50 }}
        columns={[
          { title: t("gifts.stock.col.at"), render: (_, r) => formatDateTime(r.at, i18n.language), width: 150 },
          { title: t("gifts.stock.col.kind"), render: (_, r) => t(`gifts.kinds.${r.kind}`), width: 90 },
          { title: t("gifts.stock.col.qty"), render: (_, r) => (r.qty > 0 ? `+${r.qty}` : r.qty), width: 70 },
          { title: t("gifts.stock.col.after"), dataIndex: "book_after", width: 70 },
          {
            title: t("gifts.stock.col.detail"),
            render: (_, r) => [r.customer, r.visit_slip, r.slip_no, r.reason].filter((x) => x).join(" · "),
          },
          { title: t("gifts.stock.col.staff"), dataIndex: "staff", width: 110 },
        ]}
      />
    </Drawer>
  );
}

function ReceiveVouchers({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const catalog = useGiftCatalog();
  const [form] = Form.useForm();
  const [alert, setAlert] = useState<string | null>(null);
  const submit = async (v: { voucher_type_id: number; first_serial: string; last_serial: string; slip_no: string; missing?: string }) => {
    setAlert(null);
    try {
      const b = await call("receive_vouchers", {
        voucher_type_id: v.voucher_type_id,
        first_serial: v.first_serial ?? "",
        last_serial: v.last_serial ?? "",
        slip_no: v.slip_no ?? "",
        missing: (v.missing ?? "").split(/[\s,，、]+/).filter((x) => x),
      });
      invalidateShared("gift_catalog");
      void message.success(t("gifts.vouchers.received", { first: b.first_serial, last: b.last_serial, n: b.received }));
      onClose();
    } catch (e) {
      setAlert(showError(t, form, e, ["voucher_type_id", "first_serial", "last_serial", "slip_no", "missing"]));
    }
  };
  const types = (catalog?.voucher_types ?? []).filter((x) => x.active);
  return (
    <Modal open title={t("gifts.vouchers.receiveTitle")} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ "data-testid": "vouchers-receive-ok" }} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false} initialValues={{ voucher_type_id: types[0]?.id }}>
        <Form.Item name="voucher_type_id" label={t("fields.voucher_type_id")}>
          <Select
            options={types.map((x) => ({
              value: x.id,
              label: `${x.name} · ${x.serial_prefix}${"0".repeat(Number(x.serial_digits))}`,
            }))}
          />
        </Form.Item>
        <Space>
          <Form.Item name="first_serial" label={t("fields.first_serial")}>
            <Input autoFocus style={{ width: 180 }} data-testid="vouchers-first" />
          </Form.Item>
          <Form.Item name="last_serial" label={t("fields.last_serial")}>
            <Input style={{ width: 180 }} data-testid="vouchers-last" />
          </Form.Item>
        </Space>
        <Form.Item name="slip_no" label={t("fields.slip_no")}>
          <Input maxLength={30} data-testid="vouchers-slip" />
        </Form.Item>
        <Form.Item name="missing" label={t("fields.missing")} extra={t("gifts.vouchers.missingHint")}>
          <Input.TextArea rows={2} />
        </Form.Item>
        {alert && <Typography.Text type="danger">{alert}</Typography.Text>}
      </Form>
    </Modal>
  );
}

function DestroyVouchers({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [alert, setAlert] = useState<string | null>(null);
  const submit = async (v: { serials?: string; reason?: string }) => {
    setAlert(null);
    try {
      const done = await call("destroy_vouchers", {
        serials: (v.serials ?? "").split(/[\s,，、]+/).filter((x) => x),
        reason: v.reason ?? "",
      });
      invalidateShared("gift_catalog");
      void message.success(t("gifts.vouchers.destroyed", { n: done.length }));
      onClose();
    } catch (e) {
      setAlert(showError(t, form, e, ["serials", "reason"]));
    }
  };
  return (
    <Modal open title={t("gifts.vouchers.destroyTitle")} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ danger: true }} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
        <Form.Item name="serials" label={t("fields.serials")} extra={t("gifts.vouchers.serialsHint")}>
          <Input.TextArea rows={3} autoFocus />
        </Form.Item>
        <Form.Item name="reason" label={t("fields.reason")}>
          <Input maxLength={100} />
        </Form.Item>
        {alert && <Typography.Text type="danger">{alert}</Typography.Text>}
      </Form>
    </Modal>
  );
}

/** A serial, wherever it is: its type, state, holder and every event. */
export function VoucherLookup() {
  const { t, i18n } = useTranslation();
  const [typed, setTyped] = useState("");
  const [found, setFound] = useState<VoucherView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const look = async () => {
    setError(null);
    setFound(null);
    try {
      setFound(await call("voucher", { serial: typed }));
    } catch (e) {
      setError(errorText(t, e));
    }
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Input.Search
        placeholder={t("gifts.vouchers.lookupPlaceholder")}
        enterButton={t("gifts.vouchers.lookup")}
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onSearch={() => void look()}
        style={{ maxWidth: 420 }}
        data-testid="voucher-lookup"
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {found && (
        <Descriptions size="small" bordered column={2} data-testid="voucher-found">
          <Descriptions.Item label={t("fields.serial")}>{found.serial}</Descriptions.Item>
          <Descriptions.Item label={t("gifts.vouchers.state")}>
            <Tag color={found.state === "issued" ? "gold" : found.state === "in_stock" ? "blue" : "default"}>
              {t(`gifts.states.${found.state}`)}
            </Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t("fields.voucher_type_id")}>
            {found.type_name} · {formatFen(found.face_value)}
          </Descriptions.Item>
          <Descriptions.Item label={t("gifts.vouchers.holder")}>
            {found.customer_name ?? "—"}
            {found.expires_on ? ` · ${t("gifts.vouchers.expires", { date: found.expires_on })}` : ""}
          </Descriptions.Item>
          <Descriptions.Item label={t("gifts.vouchers.events")} span={2}>
            <Space orientation="vertical" size={0}>
              {found.events.map((e, i) => (
                <Typography.Text key={i} type="secondary">
                  {formatDateTime(e.at, i18n.language)} · {t(`gifts.events.${e.kind}`)}
                  {e.slip_no ? ` · ${e.slip_no}` : ""}
                  {e.amount > 0 ? ` · ${formatFen(e.amount)}` : ""}
                  {e.reason ? ` · ${e.reason}` : ""} · {e.staff}
                </Typography.Text>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      )}
    </Space>
  );
}

export function StockTab({ session }: { session: Session }) {
  const { t } = useTranslation();
  const fail = useFailureToast();
  const catalog = useGiftCatalog(fail);
  const [move, setMove] = useState<{ item: GiftItem; action: Action } | null>(null);
  const [history, setHistory] = useState<GiftItem | null>(null);
  const [batches, setBatches] = useState<VoucherBatch[] | null>(null);
  const [dialog, setDialog] = useState<"receive" | "destroy" | null>(null);
  const manager = canAtDesk(session, "manage_gifts");
  const loadBatches = useCallback(() => call("voucher_batches").then(setBatches, fail), [fail]);
  useEffect(() => {
    void loadBatches();
  }, [loadBatches]);
  const closeDialog = () => {
    setDialog(null);
    void loadBatches();
  };
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Card size="small" title={t("gifts.stock.items")}>
        <Table<GiftItem>
          size="small"
          rowKey="id"
          loading={!catalog}
          dataSource={(catalog?.items ?? []).filter((i) => i.active || i.stock > 0)}
          pagination={false}
          data-testid="gift-stock"
          columns={[
            { title: t("gifts.stock.col.item"), render: (_, i) => <strong>{i.name}</strong> },
            {
              title: t("gifts.stock.col.book"),
              width: 110,
              render: (_, i) => (
                <span data-testid={`gift-book-${i.name}`}>
                  {i.stock} {i.unit}
                </span>
              ),
            },
            {
              title: t("gifts.stock.col.card"),
              render: (_, i) => (i.earned_by.length ? i.earned_by.map((e) => <Tag key={e}>{e}</Tag>) : <Typography.Text type="secondary">—</Typography.Text>),
            },
            {
              title: "",
              width: 330,
              render: (_, i) => (
                <Space size={4} wrap>
                  <Button size="small" type="primary" onClick={() => setMove({ item: i, action: "receive" })} data-testid={`gift-receive-${i.name}`}>
                    {t("gifts.stock.receive")}
                  </Button>
                  <Button size="small" onClick={() => setMove({ item: i, action: "damage" })}>
                    {t("gifts.stock.damage")}
                  </Button>
                  {manager && (
                    <>
                      <Button size="small" onClick={() => setMove({ item: i, action: "return" })}>
                        {t("gifts.stock.return")}
                      </Button>
                      <Button size="small" danger onClick={() => setMove({ item: i, action: "destroy" })}>
                        {t("gifts.stock.destroy")}
                      </Button>
                    </>
                  )}
                  <Button size="small" type="link" onClick={() => setHistory(i)}>
                    {t("gifts.stock.ledger")}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title={t("gifts.vouchers.title")}
        extra={
          <Space>
            <Button type="primary" size="small" onClick={() => setDialog("receive")} data-testid="vouchers-receive">
              {t("gifts.vouchers.receive")}
            </Button>
            {manager && (
              <Button size="small" danger onClick={() => setDialog("destroy")}>
                {t("gifts.vouchers.destroy")}
              </Button>
            )}
          </Space>
        }
      >
        <Space orientation="vertical" style={{ width: "100%" }}>
          <Table<VoucherBatch>
            size="small"
            rowKey="id"
            loading={batches === null}
            dataSource={batches ?? []}
            pagination={false}
            columns={[
              {
                title: t("fields.voucher_type_id"),
                render: (_, b) => catalog?.voucher_types.find((x) => x.id === b.voucher_type_id)?.name ?? "",
              },
              { title: t("gifts.vouchers.range"), render: (_, b) => `${b.first_serial} – ${b.last_serial}` },
              { title: t("gifts.vouchers.received_n"), dataIndex: "received", width: 80 },
              { title: t("gifts.vouchers.inStock"), dataIndex: "in_stock", width: 80 },
              { title: t("fields.slip_no"), dataIndex: "slip_no", width: 130 },
              {
                title: t("fields.missing"),
                render: (_, b) => (b.missing.length ? <Typography.Text type="danger">{b.missing.join("、")}</Typography.Text> : "—"),
              },
            ]}
          />
          <VoucherLookup />
        </Space>
      </Card>
      {move && <MoveModal item={move.item} action={move.action} onClose={() => setMove(null)} />}
      {history && <History item={history} onClose={() => setHistory(null)} />}
      {dialog === "receive" && <ReceiveVouchers onClose={closeDialog} />}
      {dialog === "destroy" && <DestroyVouchers onClose={closeDialog} />}
    </Space>
  );
}
