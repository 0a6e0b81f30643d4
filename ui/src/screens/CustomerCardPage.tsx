import { ArrowLeftOutlined, IdcardOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Skeleton, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import { errorMessage, errorOf } from "../api/errors";
import type { CustomerCard } from "../bindings/CustomerCard";
import { formatDateTime } from "./format";

export function CustomerCardPage({ id, onBack }: { id: number; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const [card, setCard] = useState<CustomerCard | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .getCustomer(id)
      .then((c) => live && setCard(c))
      .catch((e) => live && setError(errorMessage(t, errorOf(e))));
    return () => {
      live = false;
    };
  }, [id, t]);

  return (
    <Card
      data-testid="customer-card"
      title={
        <span>
          <IdcardOutlined /> {t("customers.card")}
        </span>
      }
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={onBack}>
          {t("customers.back")}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon title={error} />}
      {!card && !error && <Skeleton active />}
      {card && (
        <>
          <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="customer-card-name">
            {card.name}
          </Typography.Title>
          <Descriptions column={2} bordered size="middle">
            <Descriptions.Item label={t("customers.phone")}>
              <span data-testid="customer-card-phone" style={{ fontVariantNumeric: "tabular-nums" }}>
                {card.phone}
              </span>
              {card.phone_masked && (
                <Tag style={{ marginLeft: 8 }} bordered={false}>
                  {t("customers.masked")}
                </Tag>
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t("customers.createdAt")}>
              {formatDateTime(card.created_at, i18n.language)}
            </Descriptions.Item>
            <Descriptions.Item label={t("customers.createdBy")}>{card.created_by}</Descriptions.Item>
            <Descriptions.Item label={t("customers.updatedBy")}>
              {card.updated_by} · {formatDateTime(card.updated_at, i18n.language)}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
            {t("customers.cardComing")}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
