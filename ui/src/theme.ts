import type { ThemeConfig } from "antd";

// A calm plum-rose, the colour family of Chinese salon brands; large enough
// type for a busy front desk on a 1366×768 screen.
export const BRAND = "#a3345f";

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND,
    borderRadius: 6,
    fontSize: 14,
  },
  components: {
    Layout: { siderBg: "#3b1f2b", headerBg: "#ffffff" },
    Menu: {
      darkItemBg: "#3b1f2b",
      darkItemSelectedBg: BRAND,
      itemHeight: 44,
    },
  },
};
