import { describe, expect, it } from "vitest";
import type { DocumentRequest } from "../bindings/DocumentRequest";
import type { JobState } from "../bindings/JobState";
import type { PrintJob } from "../bindings/PrintJob";
import i18n from "../i18n";
import { canCancel, canRetry, documentGroup, documentPermission, failureReason, followJob, jobsStore, printerName } from "./jobs";

const t = i18n.getFixedT("zh-CN");
const en = i18n.getFixedT("en");

function job(over: Partial<PrintJob> = {}): PrintJob {
  return {
    id: 7,
    title: "服务单 20261127-001",
    group: "slip",
    document: { kind: "slip", visit_id: 3 },
    target: { kind: "system", queue: "Frontdesk-Test-PDF" },
    copies: 1,
    state: "queued",
    error_code: "",
    error: "",
    device_job: null,
    attempts: 0,
    requested_by: "2001 张敏",
    requested_at: 0,
    updated_at: 0,
    ...over,
  };
}

describe("documents", () => {
  const all: DocumentRequest[] = [
    { kind: "slip", visit_id: 1 },
    { kind: "care_plan", visit_id: 1 },
    { kind: "handover", handover_id: 1 },
    { kind: "daily_close", date: "2026-11-27" },
    { kind: "reconciliation", from: "2026-11-01", to: "2026-11-27" },
    { kind: "daily_summary", from: "2026-11-27", to: "2026-11-27" },
    { kind: "report", report: { report: "staff", period: { from: "2026-11-01", to: "2026-11-27" } } },
    { kind: "followups", date: "2026-11-27" },
    { kind: "complaint", complaint_id: 1 },
    { kind: "test_page" },
  ];

  it("takes the permission and the printer group the core gives each document", () => {
    expect(all.map(documentPermission)).toEqual([
      "run_visits",
      "view_customers",
      "handle_gifts",
      "handle_gifts",
      "reconcile_gifts",
      "view_reports",
      "view_reports",
      "make_follow_ups",
      "handle_complaints",
      "run_visits",
    ]);
    expect(all.map(documentGroup)).toEqual(["slip", "care_plan", "sheet", "sheet", "report", "report", "report", "report", "report", "slip"]);
  });

  it("has a print button label for each", () => {
    for (const d of all) {
      expect(t(`print.docs.${d.kind}`)).toMatch(/^打印/);
      expect(en(`print.docs.${d.kind}`)).toMatch(/^Print/);
    }
  });
});

describe("printers and failures as the desk reads them", () => {
  it("names each kind of printer", () => {
    expect(printerName(t, { kind: "system", queue: "Frontdesk-Test-PDF" })).toBe("Frontdesk-Test-PDF");
    expect(printerName(t, { kind: "system", queue: null })).toBe("系统默认打印机");
    expect(printerName(t, { kind: "esc_pos_tcp", host: "192.168.1.50", port: 9100 })).toBe("热敏小票机 192.168.1.50:9100");
    expect(printerName(t, { kind: "esc_pos_file", path: "/dev/usb/lp0" })).toBe("热敏小票机 /dev/usb/lp0");
  });

  it("words every failure with the printer's name, in both languages", () => {
    const missing = job({ state: "failed", error_code: "not_found", target: { kind: "system", queue: "Frontdesk-Missing" } });
    expect(t("print.failed", { reason: failureReason(t, missing) })).toBe("打印失败：找不到打印机 “Frontdesk-Missing”");
    expect(failureReason(en, missing)).toBe("printer “Frontdesk-Missing” was not found");
    const paper = job({ error_code: "out_of_paper", target: { kind: "esc_pos_tcp", host: "10.0.0.9", port: 9100 } });
    expect(failureReason(t, paper)).toBe("打印机 “热敏小票机 10.0.0.9:9100” 缺纸");
    for (const code of ["offline", "failed", "interrupted", "document"]) {
      expect(failureReason(t, job({ error_code: code }))).not.toMatch(/print\./);
    }
    // A code this version does not know reads as a failure, never as a key.
    expect(failureReason(t, job({ error_code: "jammed" }))).toBe("打印机 “Frontdesk-Test-PDF” 出错");
  });

  it("offers 重新打印 and 取消 only where the core allows them", () => {
    const states: JobState[] = ["queued", "printing", "sent", "failed", "cancelled"];
    expect(states.filter(canRetry)).toEqual(["sent", "failed", "cancelled"]);
    expect(states.filter(canCancel)).toEqual(["queued", "failed"]);
  });
});

describe("following a job", () => {
  /** A queue that answers `answers` in turn (the last one forever), on a clock that `sleep` moves. */
  function fake(answers: (PrintJob[] | Error)[]) {
    let clock = 0;
    let asked = 0;
    const seen: PrintJob[][] = [];
    return {
      deps: {
        jobs: async () => {
          const a = answers[Math.min(asked++, answers.length - 1)]!;
          if (a instanceof Error) throw a;
          return a;
        },
        sleep: async (ms: number) => void (clock += ms),
        now: () => clock,
        seen: (jobs: PrintJob[]) => void seen.push(jobs),
      },
      asked: () => asked,
      clock: () => clock,
      seen,
    };
  }

  it("follows queued → printing → sent, every 500 ms", async () => {
    const f = fake([[job()], [job({ state: "printing" })], [job({ state: "sent", device_job: "Frontdesk-Test-PDF-12" })]]);
    const r = await followJob(7, f.deps);
    expect(r.outcome).toBe("sent");
    expect(r.job?.device_job).toBe("Frontdesk-Test-PDF-12");
    expect(f.asked()).toBe(3);
    expect(f.clock()).toBe(1500);
    expect(f.seen).toHaveLength(3);
  });

  it("reports a failure with the job's code and message", async () => {
    const failed = job({ state: "failed", error_code: "not_found", error: "printer Frontdesk-Missing was not found" });
    const r = await followJob(7, fake([[job({ state: "printing" })], [failed]]).deps);
    expect(r).toEqual({ outcome: "failed", job: failed });
  });

  it("finds its own job among the others, and stops when it is cancelled", async () => {
    const others = [job({ id: 9, state: "failed" }), job({ id: 8, state: "sent" })];
    const r = await followJob(7, fake([[...others, job({ state: "cancelled" })]]).deps);
    expect(r.outcome).toBe("cancelled");
  });

  it("keeps asking through a failed look at the queue", async () => {
    const f = fake([new Error("busy"), [job({ state: "sent" })]]);
    expect((await followJob(7, f.deps)).outcome).toBe("sent");
    expect(f.asked()).toBe(2);
  });

  it("gives up after 30 s with the job as last seen (it may still print)", async () => {
    const f = fake([[job({ state: "printing" })]]);
    const r = await followJob(7, f.deps);
    expect(r.outcome).toBe("timeout");
    expect(r.job?.state).toBe("printing");
    expect(f.clock()).toBe(30_000);
    expect(f.asked()).toBe(60);
  });

  it("times out with nothing when the job never shows up", async () => {
    const r = await followJob(7, fake([[]]).deps, 500, 2_000);
    expect(r).toEqual({ outcome: "timeout", job: null });
  });
});

describe("the queue store", () => {
  it("puts a new or changed job first, newest first, and tells its listeners", () => {
    let told = 0;
    const stop = jobsStore.subscribe(() => told++);
    jobsStore.set([job({ id: 5 }), job({ id: 3 })]);
    jobsStore.upsert(job({ id: 6 }));
    jobsStore.upsert(job({ id: 5, state: "sent" }));
    expect(jobsStore.get()?.map((j) => [j.id, j.state])).toEqual([
      [6, "queued"],
      [5, "sent"],
      [3, "queued"],
    ]);
    expect(told).toBe(3);
    stop();
    jobsStore.set([]);
    expect(told).toBe(3);
  });
});
