import ClockCircleOutlined from "@ant-design/icons-svg/es/asn/ClockCircleOutlined";
import { ClockCircleOutlined as AntdClock } from "@ant-design/icons";
import { render } from "@testing-library/react";
import { plainIcon } from "./plainIcon";

describe("plainIcon", () => {
  it("draws the same SVG as antd's icon component, with its class", () => {
    const plain = render(<>{plainIcon(ClockCircleOutlined)}</>).container;
    const antd = render(<AntdClock />).container;
    const span = plain.querySelector("span.anticon.anticon-clock-circle");
    expect(span).not.toBeNull();
    const svg = span!.querySelector("svg")!;
    expect(svg.getAttribute("viewBox")).toBe(antd.querySelector("svg")!.getAttribute("viewBox"));
    expect(svg.getAttribute("fill")).toBe("currentColor");
    expect(svg.getAttribute("width")).toBe("1em");
    const paths = (c: Element) => [...c.querySelectorAll("path")].map((p) => p.getAttribute("d"));
    expect(paths(plain)).toEqual(paths(antd));
    expect(paths(plain)).toHaveLength(2);
  });
});
