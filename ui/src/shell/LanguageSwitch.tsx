import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import type { Language } from "../bindings/Language";

export function LanguageSwitch({ onChange }: { onChange: (lang: Language) => void }) {
  const { i18n } = useTranslation();
  return (
    <Segmented<Language>
      size="small"
      data-testid="language-switch"
      value={i18n.language === "en" ? "en" : "zh-CN"}
      options={[
        { label: "中文", value: "zh-CN" },
        { label: "EN", value: "en" },
      ]}
      onChange={onChange}
    />
  );
}
