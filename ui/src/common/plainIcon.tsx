// An antd icon as plain elements, for lists with hundreds of rows (today's
// board: a clock in every timer). `<ClockCircleOutlined />` is a component
// with a context, a ref and an effect that checks the icons' stylesheet on
// every mount; the same icon as a constant element is three DOM nodes that
// React creates and drops with no hooks at all. It looks the same: the
// `anticon` class and its stylesheet (injected by the antd icons the rest of
// the window uses) and the icon's own SVG from @ant-design/icons-svg.
import type { AbstractNode, IconDefinition } from "@ant-design/icons-svg/es/types";
import { createElement, type ReactElement } from "react";

function svgNode(n: AbstractNode, key?: number): ReactElement {
  return createElement(n.tag, { key, ...n.attrs }, n.children?.map(svgNode));
}

/** `def` as a constant element; make it once, at module level, and reuse it. */
export function plainIcon(def: IconDefinition): ReactElement {
  const icon = typeof def.icon === "function" ? def.icon("currentColor", "#e6f4ff") : def.icon;
  return (
    <span role="img" aria-label={def.name} className={`anticon anticon-${def.name}`}>
      {createElement(
        "svg",
        { ...icon.attrs, width: "1em", height: "1em", fill: "currentColor", "aria-hidden": "true" },
        icon.children?.map(svgNode),
      )}
    </span>
  );
}
