// A chart of the reports: an ECharts option drawn as SVG by EChartSvg,
// which brings ECharts in only when a chart is first shown.
import type { BarSeriesOption, LineSeriesOption, PieSeriesOption } from "echarts/charts";
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from "echarts/components";
import type { ComposeOption } from "echarts/core";
import { Suspense, lazy, useMemo } from "react";

export type ChartOption = ComposeOption<
  BarSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** The reports' colours: the brand's plum first, then calm contrasting ones. */
export const PALETTE = ["#a3345f", "#2a8c82", "#e0a030", "#4c78a8", "#8e6c8a", "#59a14f", "#d9707a", "#9c755f"];

const FONT = '-apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

/** What every chart shares, under its own option. */
const BASE: ChartOption = {
  color: PALETTE,
  textStyle: { fontFamily: FONT, fontSize: 12 },
  animationDuration: 300,
  tooltip: { confine: true },
};

const Drawing = lazy(() => import("./EChartSvg"));

export function EChart({ option, height, testId }: { option: ChartOption; height: number; testId?: string }) {
  const full = useMemo(() => ({ ...BASE, ...option }), [option]);
  return (
    <Suspense fallback={<div style={{ width: "100%", height }} />}>
      <Drawing option={full} height={height} testId={testId} />
    </Suspense>
  );
}
