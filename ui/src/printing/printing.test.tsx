// The preview, the job toasts and the settings tab against a fake backend:
// what each button sends and what the desk is told.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { App, Button } from "antd";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { PrintJob } from "../bindings/PrintJob";
import type { PrintSettings } from "../bindings/PrintSettings";
import type { Session } from "../bindings/Session";
import i18n from "../i18n";

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
// pdf.js needs a real canvas: the pages are drawn by the E2E run.
const drawn: number[] = [];
vi.mock("./pdf", () => ({
  openPdf: async () => ({ numPages: 3, destroy: async () => {} }),
  drawPage: async (_doc: unknown, n: number) => void drawn.push(n),
}));
vi.mock("@tauri-apps/api/path", () => ({
  documentDir: async () => "/home/desk/Documents",
  homeDir: async () => "/home/desk",
  join: async (...parts: string[]) => parts.join("/"),
}));
let savePath: string | null = "/home/desk/服务单 20261127-001.pdf";
const saveOptions: unknown[] = [];
vi.mock("@tauri-apps/plugin-dialog", () => ({
  save: async (options: unknown) => {
    saveOptions.push(options);
    return savePath;
  },
}));

import { ApiFailure, NO_DETAILS } from "../api/client";
import { Permissions } from "../i18n/codes";
import { PrintPreview } from "./PrintPreview";
import { PrintSettingsTab } from "./PrintSettingsTab";
import { usePrint } from "./usePrint";
import { useSlipAtCheckout } from "./useSlipAtCheckout";

const manager: Session = { staff_id: 1, staff_no: "1001", name: "王店长", role: "manager", language: "zh-CN", permissions: [...Permissions] };

const settings: PrintSettings = {
  slip_paper: "a5",
  three_part: true,
  auto_print_slip: false,
  printers: [
    { group: "slip", target: { kind: "system", queue: "Frontdesk-Test-PDF" }, copies: 2 },
    { group: "care_plan", target: { kind: "system", queue: null }, copies: 1 },
    { group: "sheet", target: { kind: "system", queue: null }, copies: 1 },
    { group: "report", target: { kind: "esc_pos_tcp", host: "192.168.1.50", port: 9100 }, copies: 1 },
  ],
};

function job(over: Partial<PrintJob> = {}): PrintJob {
  return {
    id: 11,
    title: "服务单 20261127-001",
    group: "slip",
    document: { kind: "slip", visit_id: 3 },
    target: { kind: "system", queue: "Frontdesk-Test-PDF" },
    copies: 2,
    state: "queued",
    error_code: "",
    error: "",
    device_job: null,
    attempts: 0,
    requested_by: "1001 王店长",
    requested_at: 0,
    updated_at: 0,
    ...over,
  };
}

const sent = (command: string) => calls.filter((c) => c.command === command).map((c) => c.req);

beforeAll(async () => {
  await i18n.changeLanguage("zh-CN");
});

beforeEach(() => {
  calls.length = 0;
  drawn.length = 0;
  saveOptions.length = 0;
  savePath = "/home/desk/服务单 20261127-001.pdf";
  answers = {
    document_pdf: () => ({ title: "服务单 20261127-001", base64: "JVBERi0=", pages: 3, bytes: 5, paper: "a5", file_name: "服务单 20261127-001.pdf" }),
    get_print_settings: () => settings,
    list_printers: () => [
      { name: "Frontdesk-Test-PDF", is_default: false },
      { name: "Office", is_default: true },
    ],
    print_document: () => job(),
    print_jobs: () => [job({ state: "sent" })],
    save_document: (req) => (req as { path: string }).path,
  };
});

describe("the print preview", () => {
  it("shows the document's paper and pages, drawn, and prints it on the group's printer in its copies", async () => {
    const onClose = vi.fn();
    render(
      <App>
        <PrintPreview document={{ kind: "slip", visit_id: 3 }} onClose={onClose} />
      </App>,
    );
    expect(await screen.findByTestId("print-preview-paper")).toHaveTextContent("A5");
    expect(screen.getByTestId("print-preview-count")).toHaveTextContent("共 3 页");
    await waitFor(() => expect(drawn).toEqual([1, 2, 3]));
    expect(screen.getByTestId("print-preview-printer")).toHaveTextContent("按设置：Frontdesk-Test-PDF");
    expect(screen.getByTestId("print-preview-copies")).toHaveValue("2");
    fireEvent.click(screen.getByTestId("print-preview-print"));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent("print_document")).toEqual([{ document: { kind: "slip", visit_id: 3 }, target: null, copies: 2 }]);
    expect(sent("document_pdf")).toEqual([{ document: { kind: "slip", visit_id: 3 }, target: null }]);
    // The job is followed: the printer took it.
    expect(await screen.findByText("已发送到打印机：服务单 20261127-001", {}, { timeout: 3000 })).toBeInTheDocument();
  });

  it("saves the PDF where the save dialog says, suggesting its file name in her documents", async () => {
    render(
      <App>
        <PrintPreview document={{ kind: "slip", visit_id: 3 }} onClose={() => {}} />
      </App>,
    );
    await screen.findByTestId("print-preview-paper");
    fireEvent.click(screen.getByTestId("print-preview-save"));
    expect(await screen.findByTestId("print-saved")).toHaveTextContent("已保存到 /home/desk/服务单 20261127-001.pdf");
    expect(saveOptions).toEqual([{ defaultPath: "/home/desk/Documents/服务单 20261127-001.pdf", filters: [{ name: "PDF 文件", extensions: ["pdf"] }] }]);
    expect(sent("save_document")).toEqual([{ document: { kind: "slip", visit_id: 3 }, path: "/home/desk/服务单 20261127-001.pdf" }]);
  });

  it("writes nothing when the save dialog is cancelled", async () => {
    savePath = null;
    render(
      <App>
        <PrintPreview document={{ kind: "slip", visit_id: 3 }} onClose={() => {}} />
      </App>,
    );
    await screen.findByTestId("print-preview-paper");
    fireEvent.click(screen.getByTestId("print-preview-save"));
    await waitFor(() => expect(saveOptions).toHaveLength(1));
    expect(sent("save_document")).toEqual([]);
  });

  it("says why a document cannot print (a visit not checked out)", async () => {
    answers.document_pdf = () => {
      throw new ApiFailure({ ...NO_DETAILS, code: "invalid", message: "", field: "visit_id", reason: "not_finished" });
    };
    render(
      <App>
        <PrintPreview document={{ kind: "slip", visit_id: 3 }} onClose={() => {}} />
      </App>,
    );
    expect(await screen.findByTestId("print-preview-error")).toHaveTextContent("这次到店还没有结账，结账后才能打印服务单");
    expect(screen.getByTestId("print-preview-print")).toBeDisabled();
  });
});

function PrintHere({ onJob }: { onJob?: (j: PrintJob | null) => void }) {
  const { print } = usePrint();
  return (
    <Button onClick={() => void print({ kind: "followups", date: "2026-11-27" }).then((j) => onJob?.(j))} data-testid="go">
      go
    </Button>
  );
}

describe("printing from a screen", () => {
  it("says the printer is missing, by name, with 重新打印 that queues the job again", async () => {
    const failed = job({ state: "failed", error_code: "not_found", error: "printer Frontdesk-Missing was not found", target: { kind: "system", queue: "Frontdesk-Missing" } });
    answers.print_jobs = () => [failed];
    answers.retry_print_job = () => job({ state: "queued", target: failed.target });
    render(
      <App>
        <PrintHere />
      </App>,
    );
    fireEvent.click(screen.getByTestId("go"));
    const toast = await screen.findByTestId("print-failed-toast", {}, { timeout: 3000 });
    expect(toast).toHaveTextContent("打印失败：找不到打印机 “Frontdesk-Missing”");
    answers.print_jobs = () => [job({ state: "sent", target: failed.target })];
    fireEvent.click(screen.getByTestId("print-failed-retry"));
    await waitFor(() => expect(sent("retry_print_job")).toEqual([11]));
    expect(await screen.findByText("已发送到打印机：服务单 20261127-001", {}, { timeout: 3000 })).toBeInTheDocument();
  });

  it("says what the core refused and queues nothing", async () => {
    answers.print_document = () => {
      throw new ApiFailure({ ...NO_DETAILS, code: "forbidden", message: "", permission: "make_follow_ups" });
    };
    const onJob = vi.fn();
    render(
      <App>
        <PrintHere onJob={onJob} />
      </App>,
    );
    fireEvent.click(screen.getByTestId("go"));
    expect(await screen.findByText("没有权限：需要「回访」权限")).toBeInTheDocument();
    expect(onJob).toHaveBeenCalledWith(null);
    expect(sent("print_jobs")).toEqual([]);
  });
});

function Checkout() {
  const [checkedOut, preview] = useSlipAtCheckout();
  return (
    <>
      <Button onClick={() => checkedOut(3)} data-testid="checkout">
        checkout
      </Button>
      {preview}
    </>
  );
}

describe("the slip at checkout", () => {
  it("opens the slip's preview", async () => {
    render(
      <App>
        <Checkout />
      </App>,
    );
    fireEvent.click(screen.getByTestId("checkout"));
    expect(await screen.findByTestId("print-preview-count")).toHaveTextContent("共 3 页");
    expect(sent("document_pdf")).toEqual([{ document: { kind: "slip", visit_id: 3 }, target: null }]);
    expect(sent("print_document")).toEqual([]);
  });

  it("prints it straight away when the shop prints at checkout", async () => {
    answers.get_print_settings = () => ({ ...settings, auto_print_slip: true });
    render(
      <App>
        <Checkout />
      </App>,
    );
    fireEvent.click(screen.getByTestId("checkout"));
    await waitFor(() => expect(sent("print_document")).toEqual([{ document: { kind: "slip", visit_id: 3 }, target: null, copies: null }]));
    expect(await screen.findByText("已发送到打印机：服务单 20261127-001", {}, { timeout: 3000 })).toBeInTheDocument();
    expect(screen.queryByTestId("print-preview")).toBeNull();
    expect(sent("document_pdf")).toEqual([]);
  });
});

describe("the print settings tab", () => {
  it("saves the form as the core takes it", async () => {
    answers.update_print_settings = (req) => req;
    render(
      <App>
        <PrintSettingsTab session={manager} />
      </App>,
    );
    await screen.findByTestId("print-printers");
    fireEvent.click(screen.getByTestId("print-paper-roll80"));
    fireEvent.click(screen.getByTestId("print-settings-save"));
    await waitFor(() => expect(sent("update_print_settings")).toHaveLength(1));
    expect(sent("update_print_settings")[0]).toEqual({ ...settings, slip_paper: "roll80" });
    expect(await screen.findByText("打印设置已保存")).toBeInTheDocument();
  });

  it("puts the core's refusal next to the field of the row it is about", async () => {
    answers.update_print_settings = () => {
      throw new ApiFailure({ ...NO_DETAILS, code: "invalid", message: "", field: "port", reason: "out_of_range", limit: 65535 });
    };
    render(
      <App>
        <PrintSettingsTab session={manager} />
      </App>,
    );
    await screen.findByTestId("print-port-3");
    fireEvent.click(screen.getByTestId("print-settings-save"));
    expect(await screen.findByText("端口须为 1–65535（热敏小票机一般是 9100）")).toBeInTheDocument();
  });

  it("prints a test page on the row's printer as typed, saved or not", async () => {
    render(
      <App>
        <PrintSettingsTab session={manager} />
      </App>,
    );
    await screen.findByTestId("print-host-3");
    fireEvent.change(screen.getByTestId("print-host-3"), { target: { value: "10.0.0.9" } });
    fireEvent.click(screen.getByTestId("print-test-3"));
    await waitFor(() => expect(sent("print_document")).toHaveLength(1));
    expect(sent("print_document")[0]).toEqual({
      document: { kind: "test_page" },
      target: { kind: "esc_pos_tcp", host: "10.0.0.9", port: 9100 },
      copies: 1,
    });
  });

  it("shows a stylist the settings without letting her change them", async () => {
    render(
      <App>
        <PrintSettingsTab session={{ ...manager, role: "stylist", permissions: ["view_customers", "write_service_notes"] }} />
      </App>,
    );
    await screen.findByTestId("print-printers");
    expect(screen.queryByTestId("print-settings-save")).toBeNull();
    expect(screen.getByTestId("print-test-0")).toBeDisabled();
    expect(screen.getByText("仅店长可修改")).toBeInTheDocument();
  });
});
