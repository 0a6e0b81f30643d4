// The chart itself: ECharts on a div, drawn on a canvas (WebKitGTK and
// Chromium alike). Only the chart kinds and components the reports use are
// registered; this module (and ECharts with it) loads when a chart is first
// shown, not with the app.
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import type { ChartOption } from "./EChart";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export default function EChartCanvas({ option, height, testId }: { option: ChartOption; height: number; testId?: string }) {
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
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} style={{ width: "100%", height }} data-testid={testId} />;
}
