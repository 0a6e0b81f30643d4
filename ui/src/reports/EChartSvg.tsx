// The chart itself: ECharts on a div, drawn as SVG (WebKitGTK and Chromium
// alike). Not on a canvas: the desk's web view paints without GL compositing
// (src-tauri/src/webview.rs), and WebKitGTK hung on ECharts' canvases there;
// SVG is also crisper and lighter for charts of a few hundred points. Only the chart kinds and components the reports use are
// registered; this module (and ECharts with it) loads when a chart is first
// shown, not with the app.
import { BarChart, LineChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";
import type { ChartOption } from "./EChart";

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export default function EChartSvg({ option, height, testId }: { option: ChartOption; height: number; testId?: string }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: "svg" });
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
