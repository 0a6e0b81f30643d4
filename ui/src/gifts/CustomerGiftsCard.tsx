// On her card: the gifts she received and the vouchers she holds.
import { Card, Empty, Space, Tag, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import { useFailureToast } from "../api/errors";
import type { CustomerGifts } from "../bindings/CustomerGifts";
import { formatFen } from "../money";
import { shopDateOf, shortDate } from "../time";

export function CustomerGiftsCard({ customerId }: { customerId: number }) {
  const { t, i18n } = useTranslation();
  const fail = useFailureToast();
  const [data, setData] = useState<CustomerGifts | null>(null);
  useEffect(() => {
    call("customer_gifts", customerId).then(setData, fail);
  }, [customerId, fail]);
  if (!data) return null;
  const empty = data.gifts.length === 0 && data.vouchers.length === 0 && !data.birthday;
  return (
    <Card size="small" title={t("gifts.card.title")} data-testid="customer-gifts">
      {empty ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("gifts.card.none")} />
      ) : (
        <Space orientation="vertical" size={4} style={{ width: "100%" }}>
          {data.birthday && (
            <Tag color="magenta">
              {data.birthday.given ? t("gifts.card.birthdayGiven", { name: data.birthday.name }) : t("gifts.card.birthdayDue", { name: data.birthday.name })}
            </Tag>
          )}
          {data.vouchers.map((v) => (
            <Typography.Text key={v.serial} type={v.state === "issued" ? undefined : "secondary"}>
              <Tag color={v.state === "issued" ? "gold" : "default"}>{t(`gifts.states.${v.state}`)}</Tag>
              {v.type_name} {v.serial} · {formatFen(v.face_value)}
              {v.state === "issued" && v.expires_on ? ` · ${t("gifts.vouchers.expires", { date: v.expires_on })}` : ""}
            </Typography.Text>
          ))}
          {data.gifts.map((g, i) => (
            <Typography.Text key={i} type="secondary">
              {shortDate(shopDateOf(g.at), i18n.language)} · {g.item} ×{g.quantity} · {g.birthday ? t("gifts.card.birthdayOf", { year: g.why }) : g.why}
            </Typography.Text>
          ))}
        </Space>
      )}
    </Card>
  );
}
