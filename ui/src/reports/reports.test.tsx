// The reports screen against a fake backend: which period each tab asks
// for, which visits a figure opens, how the lists page and make follow-ups,
// what export and the permission show. The charts need a real browser: the
// E2E run draws them (e2e/reports.test.mjs).
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "antd";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CustomerReport } from "../bindings/CustomerReport";
import type { DailySummary } from "../bindings/DailySummary";
import type { ListedCustomer } from "../bindings/ListedCustomer";
import type { Rating } from "../bindings/Rating";
import type { ReportVisit } from "../bindings/ReportVisit";
import type { Session } from "../bindings/Session";
import type { StaffFigures } from "../bindings/StaffFigures";
import type { TrendPoint } from "../bindings/TrendPoint";
import i18n from "../i18n";
import { setShopZone, syncDeskClock } from "../time";

type Call = { command: string; req: unknown };
const calls: Call[] = [];
let answers: Record<string, (req: unknown) => unknown> = {};

vi.mock("../api/client", async (importOriginal) => {
  const real = await importOriginal<typeof import("../api/client")>();
  return {
    ...real,
    call: async (command: string, req?: unknown) => {
      calls.push({ command, req });
      const answer = answers[command];
      if (!answer) throw new real.ApiFailure({ ...real.toApiError("no fake"), code: "storage" });
      return answer(req);
    },
  };
});
const charts: unknown[] = [];
vi.mock("./EChart", () => ({
  PALETTE: ["#a3345f", "#2a8c82", "#e0a030", "#4c78a8", "#8e6c8a"],
  EChart: ({ option, testId }: { option: unknown; testId?: string }) => {
    charts.push(option);
    return <div data-testid={testId} />;
  },
}));

import { Permissions } from "../i18n/codes";
import { ReportsPage } from "./ReportsPage";

const manager: Session = { staff_id: 1, staff_no: "1001", name: "王店长", role: "manager", language: "zh-CN", permissions: [...Permissions] };
const receptionist: Session = { ...manager, staff_id: 2, staff_no: "2001", name: "张敏", role: "receptionist", permissions: ["view_customers", "run_visits", "make_follow_ups"] };

const rating = (rated: number, sum: number): Rating => ({ rated, sum, unknown: 0, average_tenths: rated ? Math.round((sum * 10) / rated) : null });
const methods = (cash: number, card: number, mobile: number) => [
  { method: "cash" as const, amount: cash },
  { method: "card" as const, amount: card },
  { method: "mobile" as const, amount: mobile },
];

function summary(from: string, to: string, visits: number): DailySummary {
  return {
    from,
    to,
    days: 1,
    visits: { total: visits, checked_out: visits - 1, cancelled: 1, voided: 0, open: 0, walk_ins: 2, appointments: visits - 2 },
    customers: { new_customers: 2, returning: visits - 3, anonymous: 0, cards_created: 1 },
    revenue: {
      visits: visits - 1,
      billed: 123_450,
      services: 100_000,
      products: 23_450,
      by_method: methods(20_000, 50_000, 33_450),
      money_taken: 103_450,
      stored_value: 20_000,
      vouchers: 0,
      package_sessions: 2,
      package_value: 57_600,
    },
    top_ups: { count: 1, by_method: methods(0, 300_000, 0), received: 300_000, bonus: 30_000, liability_created: 330_000, refunds: 0, refunds_by_method: methods(0, 0, 0), refunded: 0 },
    packages: { count: 0, sessions: 0, by_method: methods(0, 0, 0), received: 0, from_stored_value: 0, liability_created: 0 },
    money_in: methods(20_000, 350_000, 33_450),
    services: [{ service_id: 1, name: "补水保湿护理", count: 4, by_package: 2 }],
    service_rating: rating(4, 18),
    stylist_rating: rating(4, 19),
    followups: { done: 3, not_reached: 1, overdue: 2 },
    complaints: { opened: 1, answered_in_time: 1, answered_late: 0, unanswered_overdue: 0, unanswered_pending: 0 },
    gifts: [],
    vouchers: [],
    consultations: { min_minutes: 5, max_minutes: 15, new_max_minutes: 20, measured: 4, within: 3, too_short: 0, too_long: 1, average_seconds: 630 },
    waiting_for_consult: { amber_minutes: 5, red_minutes: 10, measured: 5, within: 5, over_red: 0, average_seconds: 95 },
    waiting_to_leave: { amber_minutes: 5, red_minutes: 10, measured: 4, within: 4, over_red: 0, average_seconds: 60 },
  };
}

function quiet(from: string, to: string): DailySummary {
  const s = summary(from, to, 0);
  return {
    ...s,
    visits: { total: 0, checked_out: 0, cancelled: 0, voided: 0, open: 0, walk_ins: 0, appointments: 0 },
    customers: { new_customers: 0, returning: 0, anonymous: 0, cards_created: 0 },
    top_ups: { ...s.top_ups, count: 0 },
    followups: { done: 0, not_reached: 0, overdue: 0 },
    complaints: { ...s.complaints, opened: 0 },
  };
}

function visit(id: number): ReportVisit {
  return {
    visit_id: id,
    slip_no: `20261127-${String(id).padStart(3, "0")}`,
    status: "checked_out",
    at: "2026-11-27 10:05",
    customer_id: 10 + id,
    customer: `顾客${id}`,
    stylist: "3003号 陈静",
    total: 28_800,
    service_rating: 5,
    stylist_rating: 0,
  };
}

function staff(over: Partial<StaffFigures>): StaffFigures {
  return {
    staff_id: 4,
    staff_no: "3003",
    name: "陈静",
    role: "stylist",
    active: true,
    visits: 12,
    services: 15,
    revenue: 456_700,
    service_revenue: 400_000,
    service_rating: rating(10, 46),
    stylist_rating: rating(10, 48),
    rebooked: 4,
    rebooking_permille: 333,
    complaints: 0,
    followups_due: 6,
    followups_handled: 5,
    followups_permille: 833,
    rank: 1,
    ...over,
  };
}

function customerReport(): CustomerReport {
  return {
    from: "2026-11-27",
    to: "2026-11-27",
    new_cards: [
      { source: "walk_in", customers: 3 },
      { source: "referral", customers: 1 },
      { source: "online", customers: 0 },
      { source: "flyer", customers: 0 },
      { source: "other", customers: 0 },
    ],
    first_visits: 2,
    classes: [
      { class: "A", customers: 2 },
      { class: "B", customers: 2 },
      { class: "C", customers: 2 },
      { class: null, customers: 2 },
    ],
    dormant: [
      { days: 30, customers: 45 },
      { days: 60, customers: 20 },
      { days: 90, customers: 7 },
      { days: 180, customers: 1 },
    ],
    birthday_month: 11,
    birthdays: 2,
    membership: { tiers: [{ tier: "金卡", color: "gold", members: 3 }], liability: 1_234_500, customers_with_balance: 3, package_sessions: 9, package_value: 259_200 },
  };
}

function listed(id: number): ListedCustomer {
  return {
    customer_id: id,
    name: `久未到店${id}`,
    phone_masked: "138****5678",
    tier: "金卡",
    tier_color: "gold",
    balance: 50_000,
    visits: 6,
    last_visit: "2026-09-01",
    days_since: 87,
    last_stylist: "3003号 陈静",
    birthday: null,
    do_not_contact: id === 2,
  };
}

const sent = (command: string) => calls.filter((c) => c.command === command).map((c) => c.req);

function show(session: Session = manager) {
  const onOpenCustomer = vi.fn();
  render(
    <App>
      <ReportsPage session={session} onOpenCustomer={onOpenCustomer} />
    </App>,
  );
  return onOpenCustomer;
}

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

beforeEach(async () => {
  calls.length = 0;
  charts.length = 0;
  // Friday 27 November 2026, 10:00 in Shanghai (still the 26th in Los Angeles).
  setShopZone("Asia/Shanghai");
  syncDeskClock(Date.UTC(2026, 10, 27, 2, 0));
  answers = {
    daily_summary: (req) => {
      const { from, to } = req as { from: string; to: string };
      return from === "2026-11-27" ? quiet(from, to) : summary(from, to, 25);
    },
    report_visits: (req) => {
      const { page, page_size } = req as { page: number; page_size: number };
      const total = 24;
      const first = (page - 1) * page_size + 1;
      return { total, rows: Array.from({ length: Math.max(0, Math.min(page_size, total - first + 1)) }, (_, i) => visit(first + i)) };
    },
    care_rows: () => ({
      total: 2,
      rows: [
        { at: "2026-11-20", customer_id: 31, customer: "李美华", what: "aftercare", status: "open", staff: "2001 张敏", due: "2026-11-20" },
        { at: "2026-11-21", customer_id: 32, customer: "王芳", what: "dormant", status: "open", staff: "2001 张敏", due: "2026-11-21" },
      ],
    }),
    money_rows: () => ({
      total: 1,
      amount: 300_000,
      rows: [{ at: "2026-11-03 15:20", customer_id: 31, customer: "李美华", what: "", method: "card", amount: 300_000, staff: "2001 张敏" }],
    }),
    export_report: () => ({ path: "/data/exports/营业日报-20261127-1000.csv", rows: 40 }),
    staff_report: () => ({
      from: "2026-11-27",
      to: "2026-11-27",
      rows: [staff({}), staff({ staff_id: 5, staff_no: "3005", name: "赵雪", rank: 2, stylist_rating: rating(5, 22), complaints: 1 }), staff({ staff_id: 2, staff_no: "2001", name: "张敏", role: "receptionist", visits: 0, services: 0, revenue: 0, service_rating: rating(0, 0), stylist_rating: rating(0, 0), rebooked: 0, rebooking_permille: null, rank: null })],
    }),
    customer_report: () => customerReport(),
    customer_list: (req) => {
      const { page, page_size } = req as { page: number; page_size: number };
      const first = (page - 1) * page_size + 1;
      return { total: 45, page, rows: Array.from({ length: Math.max(0, Math.min(page_size, 45 - first + 1)) }, (_, i) => listed(first + i)) };
    },
    list_staff: () => [
      { id: 1, staff_no: "1001", name: "王店长", role: "manager", active: true },
      { id: 2, staff_no: "2001", name: "张敏", role: "receptionist", active: true },
      { id: 4, staff_no: "3003", name: "陈静", role: "stylist", active: true },
    ],
    list_follow_ups: () => ({ created: 40, skipped_do_not_contact: 3, skipped_already_open: 2 }),
    trend: (req) => {
      const { bucket } = req as { bucket: string };
      const point = (from: string, to: string, visits: number): TrendPoint => ({
        from,
        to,
        visits,
        revenue: visits * 30_000,
        new_customers: 1,
        service_rating: rating(visits, visits * 4),
        complaints: 0,
        complaint_permille: visits ? 0 : null,
        liability: 1_000_000,
      });
      return bucket === "week"
        ? { from: "2026-11-01", to: "2026-11-27", bucket, points: [point("2026-11-01", "2026-11-01", 3), point("2026-11-02", "2026-11-08", 20)] }
        : { from: "2026-11-01", to: "2026-11-27", bucket, points: [point("2026-11-01", "2026-11-01", 3), point("2026-11-02", "2026-11-02", 5)] };
    },
  };
  await i18n.changeLanguage("zh-CN");
});

describe("the reports screen", { timeout: 90_000 }, () => {
  it("stays closed to those without view_reports", () => {
    show(receptionist);
    expect(screen.getByTestId("coming-soon")).toBeInTheDocument();
    expect(screen.queryByTestId("reports-page")).toBeNull();
    expect(calls).toEqual([]);
  });

  it("shows today's 营业日报 as empty, then the month's figures when the period changes", async () => {
    show();
    expect(await screen.findByTestId("report-empty")).toHaveTextContent("本期间没有数据");
    expect(sent("daily_summary")).toEqual([{ from: "2026-11-27", to: "2026-11-27" }]);
    await userEvent.click(screen.getByTestId("report-period-month"));
    expect(await screen.findByTestId("daily-summary")).toBeInTheDocument();
    expect(sent("daily_summary")).toContainEqual({ from: "2026-11-01", to: "2026-11-27" });
    expect(screen.getByTestId("drill-visits-total")).toHaveTextContent("25");
    expect(screen.getByTestId("drill-revenue-billed")).toHaveTextContent("¥1,234.50");
    expect(screen.getByTestId("figure-revenue-money")).toHaveTextContent("¥1,034.50");
    // Ratings in tenths, one decimal: 18/4 = 4.5, 19/4 = 4.75 → 4.8.
    expect(screen.getByTestId("figure-service-rating")).toHaveTextContent("4.5");
    expect(screen.getByTestId("figure-stylist-rating")).toHaveTextContent("4.8");
    // A figure of zero opens nothing.
    expect(screen.queryByTestId("drill-visits-voided")).toBeNull();
    expect(screen.getByTestId("figure-visits-voided")).toHaveTextContent("0");

    await userEvent.click(screen.getByTestId("report-period-last_month"));
    await waitFor(() => expect(sent("daily_summary")).toContainEqual({ from: "2026-10-01", to: "2026-10-31" }));
  });

  it("opens the visits behind a figure, with the figure's filter, a page at a time", async () => {
    const onOpenCustomer = show();
    await userEvent.click(await screen.findByTestId("report-period-month"));
    await userEvent.click(await screen.findByTestId("drill-revenue-card"));
    const drawer = await screen.findByTestId("drill-drawer");
    await within(drawer).findByText("20261127-001");
    expect(sent("report_visits")).toEqual([
      { from: "2026-11-01", to: "2026-11-27", filter: { kind: "paid_by", method: "card" }, page: 1, page_size: 20 },
    ]);
    expect(within(drawer).getByText("2026-11-01 至 2026-11-27，共 24 单")).toBeInTheDocument();
    expect(within(drawer).getAllByText("服务 5 · 美容师 不知道")).toHaveLength(20);
    await userEvent.click(within(drawer).getByTitle("2"));
    await within(drawer).findByText("20261127-021");
    expect(sent("report_visits")[1]).toMatchObject({ filter: { kind: "paid_by", method: "card" }, page: 2, page_size: 20 });
    await userEvent.click(within(drawer).getByText("顾客21"));
    expect(onOpenCustomer).toHaveBeenCalledWith(31);
  });

  it("opens the top-ups behind the stored value received", async () => {
    const onOpenCustomer = show();
    await userEvent.click(await screen.findByTestId("report-period-month"));
    await userEvent.click(await screen.findByTestId("drill-top-ups-received"));
    const drawer = await screen.findByTestId("money-drawer");
    await within(drawer).findByText("2026-11-03 15:20");
    expect(sent("money_rows")).toEqual([{ from: "2026-11-01", to: "2026-11-27", kind: "top_ups", page: 1, page_size: 20 }]);
    expect(within(drawer).getByText("2026-11-01 至 2026-11-27，共 1 笔，合计 ¥3,000.00")).toBeInTheDocument();
    expect(within(drawer).getByText("银行卡")).toBeInTheDocument();
    await userEvent.click(within(drawer).getByText("李美华"));
    expect(onOpenCustomer).toHaveBeenCalledWith(31);
  });

  it("opens the overdue follow-ups behind their figure", async () => {
    show();
    await userEvent.click(await screen.findByTestId("report-period-month"));
    await userEvent.click(await screen.findByTestId("drill-followups-overdue"));
    const drawer = await screen.findByTestId("care-drawer");
    await within(drawer).findByText("护理后回访");
    expect(sent("care_rows")).toEqual([{ from: "2026-11-01", to: "2026-11-27", kind: "followups_overdue", page: 1, page_size: 20 }]);
    expect(within(drawer).getByText("久未到店")).toBeInTheDocument();
    expect(within(drawer).getAllByText("待回访")).toHaveLength(2);
    expect(within(drawer).getByText("2026-11-01 至 2026-11-27，共 2 条")).toBeInTheDocument();
  });

  it("exports and prints the tab's report for the period", async () => {
    show();
    await userEvent.click(await screen.findByTestId("report-period-yesterday"));
    await userEvent.click(screen.getByTestId("report-export"));
    expect(await screen.findByTestId("report-exported")).toHaveTextContent("已导出到 /data/exports/营业日报-20261127-1000.csv");
    expect(sent("export_report")).toEqual([{ report: "daily_summary", period: { from: "2026-11-26", to: "2026-11-26" } }]);
    expect(screen.getByTestId("report-print")).toHaveTextContent("打印");
  });

  it("ranks the staff and opens a stylist's visits and rebookings", async () => {
    show();
    await userEvent.click(screen.getByTestId("reports-tab-staff"));
    const table = await screen.findByTestId("staff-table");
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows[0]).toHaveTextContent("陈静");
    expect(rows[0]).toHaveTextContent("4.8 （10 人）");
    expect(rows[0]).toHaveTextContent("33.3%");
    expect(rows[0]).toHaveTextContent("83.3% (5/6)");
    expect(rows[2]).toHaveTextContent("张敏");
    expect(rows[2]).toHaveTextContent("—");
    // From the keyboard: Tab reaches the figure, Enter opens it.
    expect(screen.getByTestId("drill-staff-3003")).toHaveAttribute("tabindex", "0");
    fireEvent.keyDown(screen.getByTestId("drill-staff-3003"), { key: "Enter" });
    await screen.findByTestId("drill-drawer");
    expect(sent("report_visits")[0]).toMatchObject({ filter: { kind: "stylist", staff_id: 4 } });
    await userEvent.click(screen.getByTestId("drill-rebooked-3005"));
    await waitFor(() => expect(sent("report_visits").at(-1)).toMatchObject({ filter: { kind: "rebooked", staff_id: 5 } }));
    // The chart: rated stylists by their rating, best first.
    const bars = charts.at(-1) as { yAxis: { data: string[] }; series: { data: number[] }[] };
    expect(bars.yAxis.data).toEqual(["3003 陈静", "3005 赵雪"]);
    expect(bars.series[0]?.data).toEqual([4.8, 4.4]);
  });

  it("pages the lapsed customers on the core and gives them follow-ups", async () => {
    show();
    await userEvent.click(screen.getByTestId("reports-tab-customers"));
    expect(await screen.findByTestId("list-total-dormant")).toHaveTextContent("名单共 45 人");
    expect(sent("customer_list")).toEqual([{ list: { kind: "dormant", days: 90 }, page: 1, page_size: 20 }]);
    await userEvent.click(screen.getByTestId("dormant-days-30"));
    await waitFor(() => expect(sent("customer_list").at(-1)).toEqual({ list: { kind: "dormant", days: 30 }, page: 1, page_size: 20 }));
    const list = screen.getByTestId("customer-lists");
    await userEvent.click(within(list).getByTitle("3"));
    await waitFor(() => expect(sent("customer_list").at(-1)).toEqual({ list: { kind: "dormant", days: 30 }, page: 3, page_size: 20 }));
    expect(await within(list).findByText("久未到店41")).toBeInTheDocument();
    // Another span starts again from the first page.
    await userEvent.click(screen.getByTestId("dormant-days-60"));
    await waitFor(() => expect(sent("customer_list").at(-1)).toEqual({ list: { kind: "dormant", days: 60 }, page: 1, page_size: 20 }));

    await userEvent.click(screen.getByTestId("list-followups-dormant"));
    expect(await screen.findByTestId("list-followups-count")).toHaveTextContent("将为名单上的 45 位久未到店的顾客");
    await userEvent.click(screen.getByTestId("list-followups-ok"));
    expect(await screen.findByTestId("list-followups-done")).toHaveTextContent("已创建 40 条回访任务；跳过勿扰顾客 3 位、已有回访的 2 位");
    expect(sent("list_follow_ups")).toEqual([{ list: { kind: "dormant", days: 60 }, due_date: "2026-11-27", assigned_to: null }]);
  });

  it("lists this month's birthdays and a typed number of days", async () => {
    show();
    await userEvent.click(screen.getByTestId("reports-tab-customers"));
    await screen.findByTestId("list-total-dormant");
    await userEvent.click(screen.getByTestId("dormant-days-custom"));
    const input = screen.getByTestId("dormant-days-input");
    fireEvent.change(input, { target: { value: "45" } });
    fireEvent.blur(input);
    await waitFor(() => expect(sent("customer_list").at(-1)).toEqual({ list: { kind: "dormant", days: 45 }, page: 1, page_size: 20 }));
    await userEvent.click(screen.getByTestId("list-tab-birthdays"));
    await waitFor(() => expect(sent("customer_list").at(-1)).toEqual({ list: { kind: "birthdays", month: 11 }, page: 1, page_size: 20 }));
    expect(screen.getByTestId("list-tab-birthdays")).toHaveTextContent("本月生日（2）");
  });

  it("draws the trend by the step asked, with the same points in the table", async () => {
    show();
    await userEvent.click(screen.getByTestId("report-period-month"));
    await userEvent.click(screen.getByTestId("reports-tab-trends"));
    const table = await screen.findByTestId("trend-table");
    expect(sent("trend")).toEqual([{ from: "2026-11-01", to: "2026-11-27", bucket: "day" }]);
    expect(within(table).getByText("2026-11-02 周一")).toBeInTheDocument();
    expect(screen.getByTestId("trend-chart-visits")).toBeInTheDocument();
    await userEvent.click(screen.getByTestId("trend-bucket-week"));
    expect(await within(table).findByText("2026-11-02 ~ 2026-11-08")).toBeInTheDocument();
    expect(sent("trend").at(-1)).toEqual({ from: "2026-11-01", to: "2026-11-27", bucket: "week" });
    const visits = charts.at(-4) as { xAxis: { data: string[] }; series: { data: number[] }[] };
    expect(visits.xAxis.data).toEqual(["11-01", "11-02~11-08"]);
    expect(visits.series[0]?.data).toEqual([3, 20]);
  });
});
