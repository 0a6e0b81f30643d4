// The three desk pages rendered against a fake backend: what the desk sees
// and what each button sends.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "antd";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Appointment } from "../bindings/Appointment";
import type { Complaint } from "../bindings/Complaint";
import type { FollowUp } from "../bindings/FollowUp";
import type { Session } from "../bindings/Session";
import i18n from "../i18n";

type Call = { command: string; req: unknown };
const calls: Call[] = [];
// What each fake command answers; a test replaces the ones it needs.
let answers: Record<string, (req: unknown) => unknown> = {};

vi.mock("../api/client", async (importOriginal) => {
  const real = await importOriginal<typeof import("../api/client")>();
  const fake = new Proxy(
    {},
    {
      get: (_, command: string) => async (req: unknown) => {
        calls.push({ command, req });
        const answer = answers[command];
        if (!answer) throw new real.ApiFailure({ ...real.toApiError("no fake"), code: "storage" });
        return answer(req);
      },
    },
  );
  return { ...real, call: (command: string, req?: unknown) => (fake as Record<string, (r: unknown) => unknown>)[command]!(req) };
});

import { invalidateShared } from "../api/shared";
import { AppointmentsPage } from "../appointments/AppointmentsPage";
import { ComplaintsPage } from "../complaints/ComplaintsPage";
import { FollowUpsPage } from "../followups/FollowUpsPage";
import { Permissions } from "../i18n/codes";

const HOUR = 3_600_000;
const session: Session = {
  staff_id: 2,
  staff_no: "2001",
  name: "小王",
  role: "receptionist",
  language: "zh-CN",
  permissions: ["view_customers", "edit_customers", "view_full_phone", "run_visits", "write_service_notes", "manage_appointments", "make_follow_ups", "handle_complaints"],
};
// The same staff member as a manager (every permission) or a stylist.
const asManager: Session = { ...session, role: "manager", permissions: [...Permissions] };
const asStylist: Session = { ...session, role: "stylist", permissions: ["view_customers", "write_service_notes"] };
const chen = { id: 3, staff_no: "3003", name: "陈静" };

function appt(over: Partial<Appointment>): Appointment {
  return {
    id: 1,
    customer_id: 10,
    customer_name: "李美华",
    alert: "果酸过敏",
    stylist: chen,
    start_at: Date.now() + HOUR,
    duration_minutes: 60,
    services: [1],
    service_names: ["深层清洁"],
    note: "",
    status: "booked",
    status_reason: "",
    visit_id: null,
    conflicts: [],
    ...over,
  };
}

function task(over: Partial<FollowUp>): FollowUp {
  return {
    id: 7,
    customer_id: 10,
    customer_name: "李美华",
    address_as: "李姐",
    phone: "13812345678",
    reason: "aftercare",
    due_date: "2026-11-23",
    not_before: null,
    overdue: true,
    assigned_to: { id: 2, staff_no: "2001", name: "小王" },
    status: "open",
    attempts: 2,
    max_attempts: 3,
    visit_id: 5,
    complaint_id: null,
    last_services: ["深层清洁"],
    last_visit_date: "2026-11-20",
    last_stylist: "3003号 陈静",
    words: "",
    satisfaction: null,
    rebooked_appointment_id: null,
    calls: [],
    ...over,
  };
}

function complaint(over: Partial<Complaint>): Complaint {
  return {
    id: 4,
    customer_id: 10,
    customer_name: "李美华",
    visit_id: null,
    about: chen,
    from_rating: false,
    channel: "in_person",
    kind: "attitude",
    description: "等了四十分钟没人理",
    taken_by: { id: 2, staff_no: "2001", name: "小王" },
    severity: "simple",
    opened_at: Date.now() - 3 * HOUR,
    answer_due_at: Date.now() - HOUR,
    answered_at: null,
    level: "desk",
    result: "",
    reaction: "",
    open: true,
    closed_at: null,
    actions: [],
    ...over,
  };
}

const sent = (command: string) => calls.filter((c) => c.command === command).map((c) => c.req);

beforeAll(() => {
  // antd's Table and Textarea watch their size; jsdom has no ResizeObserver.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
});

beforeEach(async () => {
  calls.length = 0;
  invalidateShared();
  answers = {
    list_stylists: () => [chen],
    get_catalog: () => ({
      services: [{ id: 1, name: "深层清洁", category: "面部护理", price: 28800, duration_minutes: 60, performed_by: ["stylist"], active: true }],
      products: [],
      metrics: [],
    }),
    get_shop: () => ({ name: "美华美容院", address: "", phone: "", idle_lock_minutes: 5, greeting_style: "familiar" }),
  };
  await i18n.changeLanguage("zh-CN");
});

describe("the appointment book", { timeout: 30_000 }, () => {
  it("shows each stylist's day with clashes marked, and checks a booking in", async () => {
    const onOpenVisit = vi.fn();
    answers.list_appointments = () => [
      appt({ id: 1, conflicts: [2] }),
      appt({ id: 2, customer_name: "王丽", alert: null, conflicts: [1] }),
      appt({ id: 3, customer_name: "赵敏", alert: null, start_at: Date.now() - HOUR }),
    ];
    answers.check_in = () => ({ id: 99 });
    render(
      <App>
        <AppointmentsPage session={session} onOpenCustomer={vi.fn()} onOpenVisit={onOpenVisit} />
      </App>,
    );
    const first = await screen.findByTestId("appt-1");
    expect(within(first).getByText("李美华")).toBeInTheDocument();
    expect(within(first).getByText(/果酸过敏/)).toBeInTheDocument();
    expect(within(first).getByText("时间冲突")).toBeInTheDocument();
    expect(first.dataset.conflict).toBe("true");
    expect(screen.getByTestId("appt-lane-3")).toBeInTheDocument();
    // Not her time yet: no no-show; past her time: allowed.
    expect(screen.getByTestId("appt-noshow-1")).toBeDisabled();
    expect(screen.getByTestId("appt-noshow-3")).toBeEnabled();
    expect(sent("list_appointments")[0]).toMatchObject({ days: 1, stylist_id: null });

    await userEvent.click(screen.getByTestId("appt-checkin-1"));
    await waitFor(() => expect(onOpenVisit).toHaveBeenCalledWith(99));
    expect(sent("check_in")).toEqual([{ customer_id: null, walk_in_label: "", appointment_id: 1 }]);
  });

  it("asks for a reason before cancelling", async () => {
    answers.list_appointments = () => [appt({ id: 1 })];
    answers.close_appointment = (req) => ({ ...appt({ id: 1 }), status: "cancelled", status_reason: (req as { reason: string }).reason });
    render(
      <App>
        <AppointmentsPage session={session} onOpenCustomer={vi.fn()} onOpenVisit={vi.fn()} />
      </App>,
    );
    await userEvent.click(await screen.findByTestId("appt-cancel-1"));
    await userEvent.click(await screen.findByTestId("appt-close-ok"));
    expect(await screen.findByText("请填写取消原因")).toBeInTheDocument();
    expect(sent("close_appointment")).toEqual([]);
    fireEvent.change(screen.getByTestId("appt-close-reason"), { target: { value: "顾客来电改期" } });
    await userEvent.click(screen.getByTestId("appt-close-ok"));
    await waitFor(() => expect(sent("close_appointment")).toEqual([{ id: 1, outcome: "cancelled", reason: "顾客来电改期" }]));
  });

  it("moves an appointment, confirming a clash before booking anyway", async () => {
    answers.list_appointments = () => [appt({ id: 1 }), appt({ id: 2, customer_name: "王丽", start_at: Date.now() + 3 * HOUR })];
    let tries = 0;
    answers.save_appointment = (req) => {
      tries += 1;
      if (tries === 1) {
        throw Object.assign(new Error("conflict"), { code: "conflict", message: "conflict", existing: [2] });
      }
      return appt({ id: 1, start_at: (req as { start_at: number }).start_at });
    };
    render(
      <App>
        <AppointmentsPage session={session} onOpenCustomer={vi.fn()} onOpenVisit={vi.fn()} />
      </App>,
    );
    await userEvent.click(await screen.findByTestId("appt-move-1"));
    await userEvent.click(await screen.findByTestId("appt-save"));
    expect((await screen.findAllByText("该美容师此时已有预约，仍要预约吗？")).length).toBeGreaterThan(0);
    await userEvent.click(screen.getByTestId("appt-conflict-ok"));
    await waitFor(() => expect(sent("save_appointment")).toHaveLength(2));
    const [first, second] = sent("save_appointment") as { id: number; allow_conflict: boolean; services: number[] }[];
    expect(first).toMatchObject({ id: 1, allow_conflict: false, services: [1] });
    expect(second).toMatchObject({ id: 1, allow_conflict: true });
  });

  it("opens the new-appointment form with the customer search focused", async () => {
    answers.list_appointments = () => [];
    render(
      <App>
        <AppointmentsPage session={session} onOpenCustomer={vi.fn()} onOpenVisit={vi.fn()} />
      </App>,
    );
    await userEvent.click(await screen.findByTestId("appt-new"));
    const dialog = await screen.findByRole("dialog");
    await waitFor(() => expect(document.activeElement?.getAttribute("role")).toBe("combobox"));
    expect(dialog.contains(document.activeElement)).toBe(true);
    await userEvent.click(await screen.findByTestId("appt-save"));
    expect(await screen.findByText("请选择顾客")).toBeInTheDocument();
    expect(sent("save_appointment")).toEqual([]);
  });

  it("lays a week out by day", async () => {
    answers.list_appointments = () => [appt({ id: 1 })];
    render(
      <App>
        <AppointmentsPage session={session} onOpenCustomer={vi.fn()} onOpenVisit={vi.fn()} />
      </App>,
    );
    await screen.findByTestId("appt-1");
    await userEvent.click(screen.getByText("周"));
    await waitFor(() => expect(sent("list_appointments").at(-1)).toMatchObject({ days: 7 }));
    expect(await screen.findByTestId("appt-week")).toBeInTheDocument();
  });
});

describe("the follow-up queue", { timeout: 30_000 }, () => {
  it("fills in the call script and insists on her words when reached", async () => {
    answers.followup_queue = () => [task({})];
    answers.record_followup_call = () => task({ status: "done", attempts: 3 });
    render(
      <App>
        <FollowUpsPage session={session} onOpenCustomer={vi.fn()} />
      </App>,
    );
    const script = await screen.findByTestId("followup-script");
    await waitFor(() => expect(script.textContent).toContain("您好，李姐，我是美华美容院的小王。"));
    expect(script.textContent).toContain("由3003号 陈静为您服务");
    expect(script.textContent).toContain("谢谢您，打扰了，如果以后有需要，您可以随时联系我们，再见！");
    expect(screen.getByTestId("followup-row-7").dataset.overdue).toBe("true");
    expect(screen.getByTestId("followup-row-7").textContent).toContain("已拨 2/3 次");

    await userEvent.click(screen.getByTestId("followup-save"));
    expect(await screen.findByText("接通后请如实记录顾客原话")).toBeInTheDocument();
    expect(sent("record_followup_call")).toEqual([]);

    fireEvent.change(screen.getByTestId("followup-words"), { target: { value: "挺好的，皮肤很水润" } });
    await userEvent.click(screen.getByTestId("followup-save"));
    await waitFor(() => expect(sent("record_followup_call")).toHaveLength(1));
    expect(sent("record_followup_call")[0]).toEqual({
      id: 7,
      outcome: "reached",
      words: "挺好的，皮肤很水润",
      satisfaction: null,
      call_back_at: null,
      rebooked_appointment_id: null,
    });
  });

  it("says so when the last unanswered call closes the task as unreachable", async () => {
    answers.followup_queue = () => [task({})];
    answers.record_followup_call = () => task({ status: "unreachable", attempts: 3 });
    render(
      <App>
        <FollowUpsPage session={session} onOpenCustomer={vi.fn()} />
      </App>,
    );
    await userEvent.click(await screen.findByTestId("followup-outcome-no_answer"));
    answers.followup_queue = () => [];
    await userEvent.click(screen.getByTestId("followup-save"));
    expect(await screen.findByText(/已连续 3 次无人接听/)).toBeInTheDocument();
    expect(sent("record_followup_call")[0]).toMatchObject({ outcome: "no_answer", satisfaction: null });
  });

  it("shows completion per staff member", async () => {
    answers.followup_queue = () => [];
    answers.followup_stats = () => [
      { staff: { id: 2, staff_no: "2001", name: "小王" }, due: 6, done: 4, unreachable: 1, wrong_number: 0, open: 1, completion_permille: 833 },
    ];
    render(
      <App>
        <FollowUpsPage session={session} onOpenCustomer={vi.fn()} />
      </App>,
    );
    await userEvent.click(await screen.findByTestId("followups-tab-stats"));
    const stats = await screen.findByTestId("followup-stats");
    await waitFor(() => expect(stats.textContent).toContain("83.3%"));
  });
});

describe("complaints", { timeout: 30_000 }, () => {
  it("lists an overdue complaint in red, escalates it and refuses to close it without a result", async () => {
    const open = complaint({});
    answers.list_complaints = () => [open];
    answers.get_complaint = () => open;
    answers.complaint_action = (req) => ({
      ...open,
      level: "supervisor",
      actions: [{ at: Date.now(), staff: "2001 小王", kind: "escalate", text: (req as { text: string }).text }],
    });
    answers.close_complaint = () => ({ ...open, open: false, result: "道歉并赠送护理一次", closed_at: Date.now() });
    render(
      <App>
        <ComplaintsPage session={session} onOpenCustomer={vi.fn()} onOpenVisit={vi.fn()} />
      </App>,
    );
    const row = await screen.findByTestId("complaint-row-4");
    expect(within(row).getByTestId("complaint-clock-4").dataset.late).toBe("true");
    expect(within(row).getByText(/已超时/)).toBeInTheDocument();
    expect(screen.queryByTestId("complaints-tab-stats")).toBeNull();

    await userEvent.click(row);
    const escalate = await screen.findByTestId("complaint-escalate");
    expect(escalate.textContent).toContain("升级至主管");
    fireEvent.change(screen.getByTestId("complaint-action-text"), { target: { value: "顾客要求店长出面" } });
    await userEvent.click(escalate);
    await waitFor(() => expect(sent("complaint_action")).toEqual([{ id: 4, kind: "escalate", text: "顾客要求店长出面" }]));
    await waitFor(() => expect(screen.getByTestId("complaint-escalate").textContent).toContain("升级至店长"));

    await userEvent.click(screen.getByTestId("complaint-close"));
    expect(await screen.findByText("结案前必须填写处理结果")).toBeInTheDocument();
    expect(sent("close_complaint")).toEqual([]);
    fireEvent.change(screen.getByTestId("complaint-result"), { target: { value: "道歉并赠送护理一次" } });
    await userEvent.click(screen.getByTestId("complaint-close"));
    await waitFor(() => expect(sent("close_complaint")).toEqual([{ id: 4, result: "道歉并赠送护理一次", reaction: "" }]));
  });

  it("shows the month's statistics to the manager", async () => {
    answers.list_complaints = () => [];
    answers.complaint_stats = (req) => ({
      month: (req as { month: string }).month,
      complaints: 3,
      visits: 120,
      rate_per_100_centi: 250,
      avg_answer_minutes: 95,
      answered_late: 1,
      still_open: 0,
      by_kind: [{ key: "attitude", count: 2 }, { key: "billing", count: 1 }],
      by_staff: [{ key: "3003 陈静", count: 2 }, { key: "", count: 1 }],
      service_satisfaction: [{ key: "深层清洁", sum: 87, count: 20 }],
      stylist_satisfaction: [{ key: "3003 陈静", sum: 13, count: 3 }],
    });
    render(
      <App>
        <ComplaintsPage session={asManager} onOpenCustomer={vi.fn()} onOpenVisit={vi.fn()} />
      </App>,
    );
    await userEvent.click(await screen.findByTestId("complaints-tab-stats"));
    const stats = await screen.findByTestId("complaint-stats");
    await waitFor(() => expect(stats.textContent).toContain("2.50"));
    expect(stats.textContent).toContain("1 小时 35 分");
    expect(stats.textContent).toContain("服务态度");
    expect(stats.textContent).toContain("未指明员工");
    expect(stats.textContent).toContain("4.4");
    expect(stats.textContent).toContain("4.3");
  });

  it("tells a stylist politely that complaints are the desk's", async () => {
    render(
      <App>
        <ComplaintsPage session={asStylist} onOpenCustomer={vi.fn()} onOpenVisit={vi.fn()} />
      </App>,
    );
    expect(screen.getByText(/投诉由前台和店长处理/)).toBeInTheDocument();
    expect(calls).toEqual([]);
  });
});

