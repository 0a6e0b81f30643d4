import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from "antd";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { Metric } from "../bindings/Metric";
import type { Product } from "../bindings/Product";
import type { Role } from "../bindings/Role";
import type { Service } from "../bindings/Service";
import { fenToYuanText, formatFen, parseYuan } from "../money";
import { errorText, showError } from "../api/errors";
import { invalidateShared, useCatalog } from "../api/shared";

type Kind = "services" | "products" | "metrics";
type Editing =
  | { kind: "services"; item: Service }
  | { kind: "products"; item: Product }
  | { kind: "metrics"; item: Metric };

const NEW: { services: Service; products: Product; metrics: Metric } = {
  services: { id: 0, name: "", category: "", price: 0, duration_minutes: 60, performed_by: ["stylist"], active: true },
  products: { id: 0, name: "", price: 0, stock: null, active: true },
  metrics: { id: 0, name: "", unit: "%", decimals: 0, min_value: 0, max_value: 100, active: true },
};

/** A metric value stored in 10^-decimals units, shown as written: 455 → "45.5". */
function scaled(v: number, decimals: number): string {
  if (decimals === 0) return String(v);
  const s = Math.abs(v).toString().padStart(decimals + 1, "0");
  return `${v < 0 ? "-" : ""}${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

/** The service menu, retail products and measurements: read by all, edited by managers. */
export function CatalogSettings({ kind, editable }: { kind: Kind; editable: boolean }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const catalog = useCatalog(useCallback((e: unknown) => setError(errorText(t, e)), [t]));

  const status = (active: boolean) =>
    active ? <Tag color="green">{t("catalog.active")}</Tag> : <Tag>{t("catalog.inactive")}</Tag>;
  const editColumn = {
    title: "",
    width: 90,
    render: (_: unknown, item: Service | Product | Metric) =>
      editable && (
        <Button size="small" onClick={() => setEditing({ kind, item } as Editing)}>
          {t("catalog.edit")}
        </Button>
      ),
  };

  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      {error && <Alert type="error" showIcon title={error} />}
      {kind === "metrics" && <Typography.Text type="secondary">{t("catalog.metricsHint")}</Typography.Text>}
      {editable && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ kind, item: NEW[kind] } as Editing)}
          data-testid={`catalog-add-${kind}`}
        >
          {t("catalog.add")}
        </Button>
      )}
      {kind === "services" && (
        <Table<Service>
          rowKey="id"
          size="middle"
          loading={!catalog}
          dataSource={catalog?.services ?? []}
          pagination={false}
          data-testid="catalog-services"
          columns={[
            { title: t("catalog.category"), dataIndex: "category", width: 120 },
            { title: t("catalog.name"), dataIndex: "name", render: (v: string) => <strong>{v}</strong> },
            { title: t("fields.price"), dataIndex: "price", align: "right", render: (v: number) => formatFen(v) },
            { title: t("catalog.duration"), dataIndex: "duration_minutes", render: (n: number) => t("catalog.minutes", { n }) },
            {
              title: t("catalog.performedBy"),
              dataIndex: "performed_by",
              render: (roles: Role[]) => roles.map((r) => t(`roles.${r}`)).join("、"),
            },
            { title: t("catalog.status"), dataIndex: "active", render: status },
            editColumn,
          ]}
        />
      )}
      {kind === "products" && (
        <Table<Product>
          rowKey="id"
          size="middle"
          loading={!catalog}
          dataSource={catalog?.products ?? []}
          pagination={false}
          data-testid="catalog-products"
          columns={[
            { title: t("catalog.name"), dataIndex: "name", render: (v: string) => <strong>{v}</strong> },
            { title: t("fields.price"), dataIndex: "price", align: "right", render: (v: number) => formatFen(v) },
            {
              title: t("catalog.stock"),
              dataIndex: "stock",
              render: (v: number | null) => (v === null ? <Typography.Text type="secondary">{t("catalog.stockUntracked")}</Typography.Text> : v),
            },
            { title: t("catalog.status"), dataIndex: "active", render: status },
            editColumn,
          ]}
        />
      )}
      {kind === "metrics" && (
        <Table<Metric>
          rowKey="id"
          size="middle"
          loading={!catalog}
          dataSource={catalog?.metrics ?? []}
          pagination={false}
          data-testid="catalog-metrics"
          columns={[
            { title: t("catalog.name"), dataIndex: "name", render: (v: string) => <strong>{v}</strong> },
            { title: t("catalog.unit"), dataIndex: "unit" },
            {
              title: t("catalog.range"),
              render: (_, m) => `${scaled(m.min_value, m.decimals)} – ${scaled(m.max_value, m.decimals)} ${m.unit}`,
            },
            { title: t("catalog.status"), dataIndex: "active", render: status },
            editColumn,
          ]}
        />
      )}
      {editing && (
        <CatalogModal
          editing={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            // Who performs services may have changed with the menu.
            invalidateShared("get_catalog", "list_stylists");
          }}
        />
      )}
    </Space>
  );
}

function CatalogModal({ editing, onClose, onSaved }: { editing: Editing; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const [alert, setAlert] = useState<string | null>(null);
  const item = editing.item;
  const initial =
    editing.kind === "metrics"
      ? { ...item }
      : { ...item, price: fenToYuanText((item as Service | Product).price) };

  const save = async (v: Record<string, unknown>) => {
    setBusy(true);
    setAlert(null);
    try {
      if (editing.kind === "metrics") {
        await call("save_metric", { metric: { ...editing.item, ...(v as Partial<Metric>) } });
      } else {
        const price = parseYuan(String(v.price ?? ""));
        if (price === null) {
          form.setFields([{ name: "price", errors: [t("catalog.priceInvalid")] }]);
          return;
        }
        if (editing.kind === "services") {
          await call("save_service", { service: { ...editing.item, ...(v as Partial<Service>), price } });
        } else {
          const stock = v.stock === undefined || v.stock === null || v.stock === "" ? null : Number(v.stock);
          await call("save_product", { product: { ...editing.item, ...(v as Partial<Product>), price, stock } });
        }
      }
      message.success(t("catalog.saved"));
      onSaved();
    } catch (e) {
      setAlert(
        showError(t, form, e, ["name", "category", "price", "duration_minutes", "performed_by", "stock", "unit", "decimals", "min_value", "max_value"]),
      );
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, whitespace: true, message: t("invalid.required", { field: t("catalog.name") }) };
  return (
    <Modal
      open
      title={item.id ? t("catalog.edit") : t("catalog.add")}
      okText={t("common.ok")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "catalog-ok" }}
    >
      {alert && <Alert type="error" showIcon title={alert} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => void save(v)} requiredMark={false} name="catalog">
        <Form.Item name="name" label={t("catalog.name")} rules={[required]}>
          <Input autoFocus maxLength={30} data-testid="catalog-name" />
        </Form.Item>
        {editing.kind === "services" && (
          <>
            <Form.Item name="category" label={t("catalog.category")}>
              <Input maxLength={20} placeholder="面部护理" />
            </Form.Item>
            <Space size="middle">
              <Form.Item name="price" label={t("catalog.price")}>
                <Input prefix="¥" style={{ width: 160 }} data-testid="catalog-price" />
              </Form.Item>
              <Form.Item name="duration_minutes" label={t("catalog.duration")}>
                <InputNumber min={5} max={600} step={5} precision={0} style={{ width: 140 }} />
              </Form.Item>
            </Space>
            <Form.Item name="performed_by" label={t("catalog.performedBy")}>
              <Select
                mode="multiple"
                options={(["stylist", "receptionist", "manager"] as Role[]).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
              />
            </Form.Item>
          </>
        )}
        {editing.kind === "products" && (
          <Space size="middle">
            <Form.Item name="price" label={t("catalog.price")}>
              <Input prefix="¥" style={{ width: 160 }} data-testid="catalog-price" />
            </Form.Item>
            <Form.Item name="stock" label={t("catalog.stock")} extra={t("catalog.stockUntracked")}>
              <InputNumber min={0} precision={0} style={{ width: 140 }} />
            </Form.Item>
          </Space>
        )}
        {editing.kind === "metrics" && (
          <Space size="middle" wrap>
            <Form.Item name="unit" label={t("catalog.unit")}>
              <Input maxLength={10} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="decimals" label={t("catalog.decimals")}>
              <InputNumber min={0} max={2} precision={0} style={{ width: 100 }} />
            </Form.Item>
            <Form.Item name="min_value" label={t("catalog.min")}>
              <InputNumber precision={0} style={{ width: 120 }} />
            </Form.Item>
            <Form.Item name="max_value" label={t("catalog.max")}>
              <InputNumber precision={0} style={{ width: 120 }} />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="active" label={t("catalog.status")} valuePropName="checked">
          <Switch checkedChildren={t("catalog.active")} unCheckedChildren={t("catalog.inactive")} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
