import { Result } from "antd";
import { ClockCircleOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";

/** An honest placeholder for a screen a later release fills: no fake data. */
export function ComingSoon({ name }: { name: string }) {
  const { t } = useTranslation();
  return (
    <Result
      icon={<ClockCircleOutlined style={{ color: "#bfbfbf" }} />}
      title={t("coming.title")}
      subTitle={t("coming.body", { name })}
      data-testid="coming-soon"
    />
  );
}
