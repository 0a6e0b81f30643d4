import { Input, Space, Typography } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Metric } from "../bindings/Metric";
import type { MeasurementPair } from "../bindings/MeasurementPair";
import { formatChange, formatScaled, parseScaled } from "./scaled";

/** Ctrl+Enter runs the stage's main action (save and move on). */
export function useCtrlEnter(action: () => void) {
  const ref = useRef(action);
  useEffect(() => {
    ref.current = action;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && e.key === "Enter") {
        e.preventDefault();
        ref.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}

/** Typed measurement text per metric id. */
export type MeasurementDraft = Record<number, string>;

export function draftFrom(pairs: MeasurementPair[], phase: "pre" | "post"): MeasurementDraft {
  const out: MeasurementDraft = {};
  for (const p of pairs) {
    const v = phase === "pre" ? p.pre : p.post;
    if (v !== null) out[p.metric_id] = formatScaled(v, p.decimals);
  }
  return out;
}

/** One input per active metric; beside each, the other phase's value and the change. */
export function MeasurementInputs({
  metrics,
  draft,
  onChange,
  compare,
  testPrefix,
}: {
  metrics: Metric[];
  draft: MeasurementDraft;
  onChange: (d: MeasurementDraft) => void;
  compare?: MeasurementPair[];
  testPrefix: string;
}) {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={6} style={{ width: "100%" }}>
      {metrics
        .filter((m) => m.active)
        .map((m) => {
          const before = compare?.find((p) => p.metric_id === m.id)?.pre ?? null;
          const typed = draft[m.id] ?? "";
          const now = parseScaled(typed, m.decimals);
          return (
            <Space key={m.id} size={8} wrap>
              <span style={{ width: 96, display: "inline-block" }}>{m.name}</span>
              <Input
                style={{ width: 120 }}
                value={typed}
                suffix={m.unit}
                onChange={(e) => onChange({ ...draft, [m.id]: e.target.value })}
                data-testid={`${testPrefix}-${m.id}`}
              />
              {before !== null && (
                <Typography.Text type="secondary">
                  {t("visit.trend.pre")} {formatScaled(before, m.decimals)}
                  {m.unit}
                  {now !== null && (
                    <Typography.Text
                      strong
                      style={{ marginLeft: 8, color: now >= before ? "#389e0d" : "#cf1322" }}
                      data-testid={`${testPrefix}-change-${m.id}`}
                    >
                      {t("visit.visit.change")} {formatChange(before, now, m.decimals)}
                    </Typography.Text>
                  )}
                </Typography.Text>
              )}
            </Space>
          );
        })}
    </Space>
  );
}

/** The typed measurements as the core wants them; a bad entry names its metric. */
export function measurementsOf(
  metrics: Metric[],
  draft: MeasurementDraft,
): { values: { metric_id: number; value: number }[]; bad: Metric | null } {
  const values: { metric_id: number; value: number }[] = [];
  for (const m of metrics) {
    const typed = (draft[m.id] ?? "").trim();
    if (!typed) continue;
    const v = parseScaled(typed, m.decimals);
    if (v === null) return { values, bad: m };
    values.push({ metric_id: m.id, value: v });
  }
  return { values, bad: null };
}
