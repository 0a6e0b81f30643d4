import { CrownFilled, WarningFilled } from "@ant-design/icons";
import { Select, Space, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { CustomerHit } from "../bindings/CustomerHit";

const DEBOUNCE_MS = 150;

type Option = { value: number; label: string; hit: CustomerHit | null };

function optionOf(hit: CustomerHit): Option {
  return { value: hit.id, label: hit.phone ? `${hit.name}  ${hit.phone}` : hit.name, hit };
}

/**
 * Choose a customer by typing her name, phone digits, card number or
 * initials (the same search as the header's). Works as a form control:
 * `value` is her id.
 */
export function CustomerPicker({
  value,
  onChange,
  initial,
  onPick,
  autoFocus,
  disabled,
  allowClear,
  testId,
}: {
  value?: number | null;
  onChange?: (id: number | null) => void;
  /** Her name when the form opens with a customer already chosen. */
  initial?: { id: number; name: string } | null;
  onPick?: (hit: CustomerHit | null) => void;
  autoFocus?: boolean;
  disabled?: boolean;
  allowClear?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Option[]>(() =>
    initial ? [{ value: initial.id, label: initial.name, hit: null }] : [],
  );
  const [query, setQuery] = useState("");
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    const mine = ++seq.current;
    const timer = window.setTimeout(() => {
      setLoading(true);
      call("search_customers", { query: q, limit: 10 }).then(
        (hits) => {
          if (mine !== seq.current) return;
          setOptions(hits.map(optionOf));
          setLoading(false);
        },
        () => {
          if (mine === seq.current) setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [query]);

  return (
    <Select<number, Option>
      value={value ?? undefined}
      onChange={(id, option) => {
        const hit = option && !Array.isArray(option) ? option.hit : null;
        onChange?.(id ?? null);
        onPick?.(hit);
      }}
      options={options}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      loading={loading}
      autoFocus={autoFocus}
      disabled={disabled}
      allowClear={allowClear}
      placeholder={t("customerPicker.placeholder")}
      notFoundContent={query.trim() ? t("customerPicker.none") : t("customerPicker.hint")}
      style={{ width: "100%" }}
      data-testid={testId}
      optionRender={(o) => {
        const hit = o.data.hit;
        if (!hit) return o.data.label;
        return (
          <Space orientation="vertical" size={0} style={{ width: "100%" }}>
            <Space size={8}>
              <Typography.Text strong>{hit.name}</Typography.Text>
              {hit.vip && <CrownFilled style={{ color: "#d4a017" }} />}
              {hit.phone && <Typography.Text type="secondary">{hit.phone}</Typography.Text>}
              {hit.card_no && <Typography.Text type="secondary">{hit.card_no}</Typography.Text>}
            </Space>
            {hit.alert && (
              <Typography.Text type="danger" style={{ fontSize: 12 }}>
                <WarningFilled /> {hit.alert}
              </Typography.Text>
            )}
          </Space>
        );
      }}
    />
  );
}
