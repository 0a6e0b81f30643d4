// A chart: ECharts on a div, drawn on a canvas (WebKitGTK and Chromium
// alike). Only the chart kinds and components the reports use are
// registered, so the bundle carries nothing else.
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption, PieChart, type PieSeriesOption } from "echarts/charts";
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<
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

export function EChart({ option, height, testId }: { option: ChartOption; height: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: "canvas" });
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener("resize", resize);
    // The div also changes size without the window (a drawer, a tab, the
    // height prop): follow it where the browser can tell.
    const watcher = typeof ResizeObserver === "undefined" ? null : new ResizeObserver(resize);
    watcher?.observe(el);
    return () => {
      window.removeEventListener("resize", resize);
      watcher?.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ ...BASE, ...option }, { notMerge: true });
  }, [option]);

  return <div ref={box} style={{ width: "100%", height }} data-testid={testId} />;
}
