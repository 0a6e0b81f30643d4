import { Space, Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { VisitRewards } from "../bindings/VisitRewards";
import { formatFen } from "../money";

/** What a visit gave (gifts, vouchers) and took (vouchers), as tags. */
export function VisitRewardsView({ rewards }: { rewards: VisitRewards }) {
  const { t } = useTranslation();
  if (rewards.gifts.length + rewards.issued_vouchers.length + rewards.redeemed_vouchers.length === 0) return null;
  return (
    <Space wrap data-testid="visit-rewards">
      {rewards.gifts.map((g) => (
        <Tag key={g.item} color={g.recovered ? "default" : "magenta"}>
          {t("gifts.visit.gift", { name: g.item, n: g.quantity })}
          {g.recovered ? ` · ${t("gifts.visit.recovered")}` : ""}
        </Tag>
      ))}
      {rewards.issued_vouchers.map((v) => (
        <Tag key={`i-${v.serial}`} color="gold">
          {t("gifts.visit.issued", { name: v.type_name, serial: v.serial, amount: formatFen(v.face_value) })}
        </Tag>
      ))}
      {rewards.redeemed_vouchers.map((v) => (
        <Tag key={`r-${v.serial}`} color="green">
          {t("gifts.visit.redeemed", { serial: v.serial, amount: formatFen(v.amount) })}
        </Tag>
      ))}
      {rewards.seconds !== null && (
        <Tag>{t("gifts.visit.time", { seconds: rewards.seconds, receipts: rewards.receipts ?? 1 })}</Tag>
      )}
    </Space>
  );
}
