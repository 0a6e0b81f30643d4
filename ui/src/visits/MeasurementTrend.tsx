import { Card, Empty, Space, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { call } from "../api/client";
import type { MetricSeries } from "../bindings/MetricSeries";
import { formatScaled } from "./scaled";

const W = 320;
const H = 110;
const PAD = 18;

/** One small line chart per metric: before (grey) and after (rose) each visit. */
export function MeasurementTrend({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const [series, setSeries] = useState<MetricSeries[] | null>(null);
  useEffect(() => {
    call("customer_measurements", customerId).then(setSeries, () => setSeries([]));
  }, [customerId]);
  if (!series) return null;
  if (series.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("visit.trend.empty")} />;
  return (
    <Space wrap size="middle" data-testid="measurement-trend">
      {series.map((s) => {
        const values = s.points.flatMap((p) => [p.pre, p.post]).filter((v): v is number => v !== null);
        const lo = Math.min(...values);
        const hi = Math.max(...values);
        const span = hi - lo || 1;
        const x = (i: number) => PAD + (s.points.length === 1 ? (W - 2 * PAD) / 2 : (i * (W - 2 * PAD)) / (s.points.length - 1));
        const y = (v: number) => H - PAD - ((v - lo) * (H - 2 * PAD)) / span;
        const line = (pick: "pre" | "post") =>
          s.points
            .map((p, i) => [i, p[pick]] as const)
            .filter(([, v]) => v !== null)
            .map(([i, v]) => `${x(i)},${y(v ?? 0)}`)
            .join(" ");
        const last = s.points[s.points.length - 1];
        return (
          <Card key={s.metric_id} size="small" title={`${s.name}（${s.unit}）`} data-testid={`trend-${s.metric_id}`}>
            <svg width={W} height={H} role="img" aria-label={s.name}>
              <polyline points={line("pre")} fill="none" stroke="#8c8c8c" strokeWidth={2} />
              <polyline points={line("post")} fill="none" stroke="#a3345f" strokeWidth={2} />
              {s.points.map((p, i) => (
                <g key={p.visit_id}>
                  {p.pre !== null && <circle cx={x(i)} cy={y(p.pre)} r={3} fill="#8c8c8c" />}
                  {p.post !== null && <circle cx={x(i)} cy={y(p.post)} r={3} fill="#a3345f" />}
                  <text x={x(i)} y={H - 2} fontSize={10} textAnchor="middle" fill="#8c8c8c">
                    {p.date.slice(5)}
                  </text>
                </g>
              ))}
            </svg>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <span style={{ color: "#8c8c8c" }}>● {t("visit.trend.pre")}</span>{" "}
              <span style={{ color: "#a3345f" }}>● {t("visit.trend.post")}</span>
              {last && (
                <>
                  {" · "}
                  {last.pre !== null ? formatScaled(last.pre, s.decimals) : "—"} →{" "}
                  {last.post !== null ? formatScaled(last.post, s.decimals) : "—"}
                </>
              )}
            </Typography.Text>
          </Card>
        );
      })}
    </Space>
  );
}
