import {
  CrownFilled,
  DownloadOutlined,
  SearchOutlined,
  UploadOutlined,
  UserAddOutlined,
  WarningFilled,
} from "@ant-design/icons";
import { App, Button, Card, Empty, Input, Space, Table, Tabs, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { CustomerHit } from "../bindings/CustomerHit";
import type { Session } from "../bindings/Session";
import type { VipEntry } from "../bindings/VipEntry";
import { highlight } from "../shell/highlight";
import { CreateCustomerModal } from "./CreateCustomerModal";
import { ImportModal } from "./ImportModal";
import { formatDateTime } from "../time";
import { errorText } from "../api/errors";
import { can } from "../session/can";

export function CustomersPage({ session, onOpen }: { session: Session; onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const canCreate = can(session, "edit_customers");

  const exportAll = async () => {
    try {
      const r = await call("export_customers");
      modal.success({
        title: t("import.export"),
        content: <Typography.Paragraph copyable={{ text: r.path }}>{t("import.exported", { count: r.rows, path: r.path })}</Typography.Paragraph>,
      });
    } catch (e) {
      modal.error({ title: t("import.export"), content: errorText(t, e) });
    }
  };

  return (
    <Card
      title={t("customers.title")}
      extra={
        <Space>
          {can(session, "import_customers") && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="customers-import">
              {t("import.open")}
            </Button>
          )}
          {can(session, "export_customers") && (
            <Button icon={<DownloadOutlined />} onClick={() => void exportAll()} data-testid="customers-export">
              {t("import.export")}
            </Button>
          )}
          {canCreate && (
            <Button type="primary" icon={<UserAddOutlined />} onClick={() => setCreating(true)} data-testid="customers-create">
              {t("customers.create")}
            </Button>
          )}
        </Space>
      }
    >
      {importing && <ImportModal open onClose={() => setImporting(false)} />}
      <Tabs
        items={[
          { key: "find", label: t("customers.find"), children: <FindCustomers onOpen={onOpen} /> },
          {
            key: "vip",
            label: <span data-testid="customers-vip-tab">{t("card.vipTitle")}</span>,
            children: <VipRegister onOpen={onOpen} />,
          },
        ]}
      />
      <CreateCustomerModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          onOpen(c.id);
        }}
        onOpenExisting={(id) => {
          setCreating(false);
          onOpen(id);
        }}
      />
    </Card>
  );
}

function FindCustomers({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<CustomerHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = query.trim();
    const timer = window.setTimeout(() => {
      if (!q) {
        setHits(null);
        return;
      }
      call("search_customers", { query: q, limit: 50 })
        .then((h) => {
          setHits(h);
          setError(null);
        })
        .catch((e) => setError(errorText(t, e)));
    }, 150);
    return () => window.clearTimeout(timer);
  }, [query, t]);

  return (
    <Space orientation="vertical" style={{ width: "100%" }} size="middle">
      <Input
        allowClear
        size="large"
        prefix={<SearchOutlined />}
        placeholder={t("customers.searchPlaceholder")}
        autoFocus
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="customers-search"
      />
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
      {hits === null ? (
        <Empty description={t("customers.empty")} />
      ) : (
        <Table<CustomerHit>
          rowKey="id"
          size="middle"
          dataSource={hits}
          pagination={false}
          locale={{ emptyText: t("customers.noResult") }}
          onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: "pointer" } })}
          data-testid="customers-table"
          columns={[
            {
              title: t("fields.name"),
              dataIndex: "name",
              render: (v: string, h) => (
                <strong>
                  {highlight(v, query)}
                  {h.vip && <CrownFilled style={{ color: "#d4a017", marginLeft: 6 }} />}
                </strong>
              ),
            },
            { title: t("fields.phone"), dataIndex: "phone", render: (v: string | null) => highlight(v ?? "", query) },
            { title: t("fields.card_no"), dataIndex: "card_no", render: (v: string | null) => v ?? "" },
            {
              title: t("card.allergyAlert"),
              dataIndex: "alert",
              render: (v: string | null) =>
                v && (
                  <Typography.Text type="danger" strong>
                    <WarningFilled /> {v}
                  </Typography.Text>
                ),
            },
            {
              title: "",
              dataIndex: "matched",
              render: (m: CustomerHit["matched"]) => <Tag variant="filled">{t(`match.${m}`)}</Tag>,
            },
          ]}
        />
      )}
    </Space>
  );
}

function VipRegister({ onOpen }: { onOpen: (id: number) => void }) {
  const { t, i18n } = useTranslation();
  const [rows, setRows] = useState<VipEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    call("vip_register").then(setRows, (e) => setError(errorText(t, e)));
  }, [t]);
  if (error) return <Typography.Text type="danger">{error}</Typography.Text>;
  return (
    <Table<VipEntry>
      rowKey="id"
      size="middle"
      loading={rows === null}
      dataSource={rows ?? []}
      pagination={false}
      locale={{ emptyText: t("customers.noVip") }}
      onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: "pointer" } })}
      data-testid="vip-table"
      columns={[
        { title: t("fields.name"), dataIndex: "name", render: (v: string) => <strong>{v}</strong> },
        { title: t("fields.phone"), dataIndex: "phone" },
        {
          title: t("card.accountManager"),
          dataIndex: "account_manager",
          render: (m: VipEntry["account_manager"]) => (m ? `${m.staff_no} ${m.name}` : "—"),
        },
        {
          title: t("customers.vipSince"),
          dataIndex: "since",
          render: (ms: number) => (ms ? formatDateTime(ms, i18n.language) : "—"),
        },
      ]}
    />
  );
}
