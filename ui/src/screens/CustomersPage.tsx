import { UserAddOutlined } from "@ant-design/icons";
import { Button, Card, Empty, Input, Space, Table, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { errorMessage, errorOf } from "../api/errors";
import type { CustomerHit } from "../bindings/CustomerHit";
import { highlight } from "../shell/highlight";
import { CreateCustomerModal } from "./CreateCustomerModal";

export function CustomersPage({ onOpen }: { onOpen: (id: number) => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<CustomerHit[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    const q = query.trim();
    const timer = window.setTimeout(() => {
      if (!q) {
        setHits(null);
        return;
      }
      api
        .searchCustomers({ query: q, limit: 50 })
        .then((h) => {
          setHits(h);
          setError(null);
        })
        .catch((e) => setError(errorMessage(t, errorOf(e))));
    }, 150);
    return () => window.clearTimeout(timer);
  }, [query, t]);

  return (
    <Card
      title={t("customers.title")}
      extra={
        <Button
          type="primary"
          icon={<UserAddOutlined />}
          onClick={() => setCreating(true)}
          data-testid="customers-create"
        >
          {t("customers.create")}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: "100%" }} size="middle">
        <Input.Search
          allowClear
          size="large"
          placeholder={t("customers.searchPlaceholder")}
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
            columns={[
              {
                title: t("fields.name"),
                dataIndex: "name",
                render: (v: string) => <strong>{highlight(v, query)}</strong>,
              },
              {
                title: t("fields.phone"),
                dataIndex: "phone",
                render: (v: string | null) => highlight(v ?? "", query),
              },
              {
                title: "",
                dataIndex: "matched",
                render: (m: CustomerHit["matched"]) => (
                  <Tag bordered={false}>
                    {m === "phone" ? t("customers.matchedPhone") : t("customers.matchedName")}
                  </Tag>
                ),
              },
            ]}
          />
        )}
      </Space>
      <CreateCustomerModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          onOpen(c.id);
        }}
      />
    </Card>
  );
}
